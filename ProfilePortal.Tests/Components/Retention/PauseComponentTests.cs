using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using ProfilePortal.Components.Billing;
using ProfilePortal.Components.Profile;
using ProfilePortal.Components.Retention;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Quotas;
using ProfilePortal.Domain.Retention;
using ProfilePortal.Tests.Components.Billing;
using ProfilePortal.Tests.Components.Profile;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Components.Retention;

/// <summary>A paused subscription as a customer sees it: the banner, the billing page's "Resume now" and the quota card.</summary>
public sealed class PauseComponentTests(ProfileUiServices portal) : BillingTestContext(portal), IClassFixture<ProfileUiServices>
{
    private PauseService Pauses => Portal.Get<PauseService>();

    private async Task<(Customer Customer, PauseStatus Pause)> PausedOwnerAsync(string language = "en")
    {
        var customer = await SignedInOwnerAsync(language);
        await BuyAsync(customer, "new_monthly");
        var paused = await Pauses.PauseAsync(customer.Id, customer.OrganizationId, 1);
        Assert.True(paused.Succeeded);
        return (customer, paused.Value);
    }

    [Fact]
    public async Task The_banner_says_until_when_and_what_is_off_and_leads_a_manager_to_resume()
    {
        var (_, pause) = await PausedOwnerAsync();

        var banner = Render<PauseBanner>();

        banner.WaitForAssertion(() => Assert.NotNull(banner.Find("[data-testid=pause-banner]")));
        Assert.Equal(
            $"Paused until {pause.PauseEndsAt.UtcDateTime:M/d/yyyy}: pages are read-only, launches and purchases are off.",
            DisplayText.Spaced(banner.Find("[data-testid=pause-banner-text]").TextContent));
        Assert.Equal("billing", banner.Find("[data-testid=pause-banner-resume]").GetAttribute("href"));
        Assert.Equal("Resume now", banner.Find("[data-testid=pause-banner-resume]").TextContent.Trim());
    }

    [Fact]
    public async Task The_banner_is_absent_without_a_pause_and_speaks_russian()
    {
        var customer = await SignedInOwnerAsync("ru");
        await BuyAsync(customer, "new_monthly");
        UseCulture("ru");
        Assert.Empty(Render<PauseBanner>().FindAll("[data-testid=pause-banner]"));
        Assert.True((await Pauses.PauseAsync(customer.Id, customer.OrganizationId, 2)).Succeeded);

        var banner = Render<PauseBanner>();

        banner.WaitForAssertion(() => Assert.StartsWith("Подписка на паузе до ", banner.Find("[data-testid=pause-banner-text]").TextContent, StringComparison.Ordinal));
        Assert.Equal("Возобновить сейчас", banner.Find("[data-testid=pause-banner-resume]").TextContent.Trim());
    }

    [Fact]
    public async Task The_billing_page_shows_the_pause_and_resume_now_asks_then_resumes_and_reloads()
    {
        var (customer, pause) = await PausedOwnerAsync();
        var dialogs = Render<MudDialogProvider>();
        Render<MudSnackbarProvider>();
        var page = Render<BillingPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=billing-paused]")));

        Assert.Equal("Paused", page.Find("[data-testid=billing-status]").TextContent.Trim());
        Assert.Contains($"Paused until {pause.PauseEndsAt.UtcDateTime:M/d/yyyy}.", page.Find("[data-testid=billing-pause-ends]").TextContent, StringComparison.Ordinal);
        Assert.Equal(
            $"It resumes by itself on {pause.PauseEndsAt.UtcDateTime:M/d/yyyy}; the next charge of ₽3,900 is on {pause.NextCharge!.At.UtcDateTime:M/d/yyyy}.",
            DisplayText.Spaced(page.Find("[data-testid=billing-pause-next-charge]").TextContent));

        var click = page.Find("[data-testid=billing-resume]").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains("Resume the subscription now?", dialogs.Markup, StringComparison.Ordinal));
        await dialogs.FindAll("button").Single(b => b.TextContent.Contains("Resume now", StringComparison.Ordinal)).ClickAsync(new());
        await click;

        page.WaitForAssertion(() => Assert.Equal("Active", page.Find("[data-testid=billing-status]").TextContent.Trim()));
        Assert.Empty(page.FindAll("[data-testid=billing-paused]"));
        Assert.Contains("The subscription is active again.", Services.GetRequiredService<ISnackbar>().ShownSnackbars.Single().Message, StringComparison.Ordinal);
        Assert.Equal(SubscriptionStatus.Active, (await Portal.SubscriptionAsync(customer.OrganizationId)).Status);
    }

    [Fact]
    public async Task Declining_the_confirmation_leaves_the_subscription_paused()
    {
        var (customer, _) = await PausedOwnerAsync();
        var dialogs = Render<MudDialogProvider>();
        var page = Render<BillingPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=billing-resume]")));

        var click = page.Find("[data-testid=billing-resume]").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains("Resume the subscription now?", dialogs.Markup, StringComparison.Ordinal));
        await dialogs.FindAll("button").Single(b => b.TextContent.Contains("Cancel", StringComparison.Ordinal)).ClickAsync(new());
        await click;

        Assert.NotNull(page.Find("[data-testid=billing-paused]"));
        Assert.Equal(SubscriptionStatus.Paused, (await Portal.SubscriptionAsync(customer.OrganizationId)).Status);
    }

    [Fact]
    public void The_quota_card_of_a_paused_organization_says_launches_are_off_instead_of_offering_buy()
    {
        var start = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var low = new QuotaSnapshot(50, 0, 0, 48, start, start.AddMonths(1), QuotaLevel.Low, PausedUntil: new DateTimeOffset(2027, 1, 15, 9, 0, 0, TimeSpan.Zero));

        var cut = Render<QuotaCard>(p => p.Add(c => c.Quota, low));

        Assert.Equal(
            "The subscription is paused until 1/15/2027: launches are off until it resumes.",
            DisplayText.Spaced(cut.Find("[data-testid=quota-paused]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=quota-buy]"));
        Assert.Empty(cut.FindAll("[data-testid=quota-warning]"));
    }
}
