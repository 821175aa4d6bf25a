using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using ProfilePortal.Components.Profile;
using ProfilePortal.Domain.Features;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Components.Profile;

public sealed class PlansDialogTests(ProfileUiServices portal) : ProfileComponentTestContext(portal), IClassFixture<ProfileUiServices>
{
    [Fact]
    public async Task With_payments_off_it_lists_indicative_prices_as_coming_soon_and_offers_an_email()
    {
        var provider = await OpenAsync();

        provider.WaitForAssertion(() => Assert.NotNull(provider.Find("[data-testid=plans-coming-soon]")));
        var packs = provider.FindAll("[data-testid=plans-pack]");
        Assert.Equal(["starter", "standard", "pro"], packs.Select(p => p.GetAttribute("data-code")));
        Assert.Equal("₽490", DisplayText.Spaced(packs[0].QuerySelector("[data-testid=plans-price]")!.TextContent));
        var plans = provider.FindAll("[data-testid=plans-plan]");
        Assert.Equal(["new_monthly", "new_quarterly", "new_semiannual", "new_annual"], plans.Select(p => p.GetAttribute("data-code")));
        Assert.Equal("₽3,300", DisplayText.Spaced(plans[1].QuerySelector("[data-testid=plans-price]")!.TextContent));
        Assert.All(provider.FindAll("[data-testid=plans-status]"), chip => Assert.Contains("Coming soon", chip.TextContent, StringComparison.Ordinal));
        var contact = provider.Find("[data-testid=plans-contact]");
        Assert.StartsWith("mailto:payments@mlservice.ai?subject=", contact.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Contains("payments@mlservice.ai", contact.TextContent, StringComparison.Ordinal);
        Assert.Empty(provider.FindAll("[data-testid=plans-billing]"));
    }

    [Fact]
    public async Task With_payments_on_it_leads_to_billing_without_the_coming_soon_notice()
    {
        SetFeature(FeatureNames.PaymentsUi, true);

        var provider = await OpenAsync();

        provider.WaitForAssertion(() => Assert.NotNull(provider.Find("[data-testid=plans-billing]")));
        Assert.Equal("billing", provider.Find("[data-testid=plans-billing]").GetAttribute("href"));
        Assert.Empty(provider.FindAll("[data-testid=plans-coming-soon]"));
        Assert.Empty(provider.FindAll("[data-testid=plans-contact]"));
        Assert.All(provider.FindAll("[data-testid=plans-status]"), chip => Assert.Contains("Available", chip.TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Prices_follow_the_readers_culture()
    {
        UseCulture("ru");

        var provider = await OpenAsync();

        provider.WaitForAssertion(() => Assert.NotEmpty(provider.FindAll("[data-testid=plans-plan]")));
        var annual = provider.Find("[data-testid=plans-plan][data-code=new_annual]");
        Assert.Contains("Годовой", annual.TextContent, StringComparison.Ordinal);
        Assert.Equal("2 400 ₽", DisplayText.Spaced(annual.QuerySelector("[data-testid=plans-price]")!.TextContent));
        Assert.Contains("28 800 ₽", DisplayText.Spaced(annual.TextContent), StringComparison.Ordinal);
        Assert.Contains("Онлайн-оплата появится позже", provider.Find("[data-testid=plans-coming-soon]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_failure_shows_a_retry_that_loads_the_catalogue()
    {
        Portal.Outage.IsDown = true;
        var provider = await OpenAsync();
        provider.WaitForAssertion(() => Assert.NotNull(provider.Find("[data-testid=plans-error]")));

        Portal.Outage.IsDown = false;
        await provider.Find("[data-testid=plans-retry]").ClickAsync(new());

        provider.WaitForAssertion(() => Assert.Equal(3, provider.FindAll("[data-testid=plans-pack]").Count));
    }

    [Fact]
    public async Task Close_closes_the_dialog()
    {
        var provider = await OpenAsync();
        provider.WaitForAssertion(() => Assert.NotNull(provider.Find("[data-testid=plans-close]")));

        await provider.Find("[data-testid=plans-close]").ClickAsync(new());

        provider.WaitForAssertion(() => Assert.Empty(provider.FindAll("[data-testid=plans-dialog]")));
    }

    [Fact]
    public void Escape_and_the_close_button_are_on()
    {
        Assert.True(PlansDialog.DialogOptions.CloseOnEscapeKey);
        Assert.True(PlansDialog.DialogOptions.CloseButton);
    }

    private async Task<IRenderedComponent<MudDialogProvider>> OpenAsync()
    {
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        await provider.InvokeAsync(() => dialogs.ShowAsync<PlansDialog>("Plans", PlansDialog.DialogOptions));
        return provider;
    }
}
