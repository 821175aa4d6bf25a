using System.Security.Claims;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using ProfilePortal.Components.Admin;
using ProfilePortal.Domain.Features;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Components.Admin;

/// <summary>The flags page over the real flag services and a SQLite database, as an admin uses it.</summary>
public sealed class FlagsPageTests : PortalComponentTestContext, IClassFixture<PortalServices>
{
    private readonly PortalServices _portal;
    private IRenderedComponent<MudDialogProvider> _dialogs = default!;

    public FlagsPageTests(PortalServices portal)
    {
        _portal = portal;
        Services.AddFallbackServiceProvider(portal.Services);
    }

    private FeatureSettings Settings => _portal.Get<FeatureSettings>();

    [Fact]
    public async Task Every_flag_is_a_row_with_default_override_and_state_and_the_trials_row_links_to_the_rollout()
    {
        var admin = await SignedInAdminAsync();
        await _portal.Get<FeatureFlagAdmin>().ChangeAsync(admin.Id, FeatureNames.NewPricing, new FeatureFlagChange(FeatureFlagAction.Percentage, 40), "Half-way");

        var page = RenderPage();

        Assert.Equal(FeatureNames.All, page.FindAll("[data-testid=flag-row]").Select(r => r.GetAttribute("data-flag")));
        var pricing = page.Find("[data-testid=flag-row][data-flag=NewPricing]");
        Assert.Equal("On for 40 %", pricing.QuerySelector("[data-testid=flag-effective]")!.TextContent.Trim());
        Assert.StartsWith("On for 40 %", pricing.QuerySelector("[data-testid=flag-override]")!.TextContent.Trim(), StringComparison.Ordinal);
        var trials = page.Find("[data-testid=flag-row][data-flag=Trials]");
        Assert.Equal("admin/rollouts", trials.QuerySelector("[data-testid=flag-rollouts-link]")!.GetAttribute("href"));
        Assert.Null(trials.QuerySelector("[data-testid=flag-change]"));
        Assert.Equal("Half-way", page.FindAll("[data-testid=flag-history-row]")[0].QuerySelector("[data-testid=flag-history-reason]")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_change_needs_a_reason_and_a_confirmation_and_then_is_in_force_and_in_the_history()
    {
        var admin = await SignedInAdminAsync();
        await Settings.ClearOverrideAsync(FeatureNames.Maintenance);
        _portal.Clock.Advance(TimeSpan.FromMinutes(1));
        var page = RenderPage();

        var dialog = OpenDialogAsync(page, FeatureNames.Maintenance);
        await _dialogs.Find("[data-testid=flag-action-On]").ClickAsync(new());
        await _dialogs.Find("[data-testid=flag-next]").ClickAsync(new());
        _dialogs.WaitForAssertion(() => Assert.Contains("Say why the flag changes.", _dialogs.Markup, StringComparison.Ordinal));
        Assert.Empty(_dialogs.FindAll("[data-testid=flag-confirm]"));

        await _dialogs.Find("[data-testid=flag-reason]").InputAsync(new() { Value = "Migration at 02:00" });
        await _dialogs.Find("[data-testid=flag-next]").ClickAsync(new());
        _dialogs.WaitForAssertion(() => Assert.Contains("Change Maintenance from “Off” to “On”?", _dialogs.Find("[data-testid=flag-confirm-text]").TextContent, StringComparison.Ordinal));
        Assert.Equal(FeatureState.Off, (await Settings.GetStateAsync(FeatureNames.Maintenance)).State);
        await _dialogs.Find("[data-testid=flag-confirm]").ClickAsync(new());
        await dialog;

        page.WaitForAssertion(() => Assert.Equal("On", page.Find("[data-testid=flag-row][data-flag=Maintenance] [data-testid=flag-effective]").TextContent.Trim()));
        Assert.Equal(FeatureState.On, (await Settings.GetStateAsync(FeatureNames.Maintenance)).State);
        var latest = page.FindAll("[data-testid=flag-history-row]")[0];
        Assert.Equal(admin.Email, latest.QuerySelector("[data-testid=flag-history-who]")!.TextContent.Trim());
        Assert.Equal("Off (default) → On", DisplayText.Spaced(latest.QuerySelector("[data-testid=flag-history-change]")!.TextContent));
        Assert.Equal("Migration at 02:00", latest.QuerySelector("[data-testid=flag-history-reason]")!.TextContent.Trim());
        Assert.Equal("Maintenance changed.", Assert.Single(Services.GetRequiredService<ISnackbar>().ShownSnackbars).Message);
        await Settings.ClearOverrideAsync(FeatureNames.Maintenance);
    }

    [Fact]
    public async Task Cancelling_changes_nothing()
    {
        await SignedInAdminAsync();
        await Settings.ClearOverrideAsync(FeatureNames.SimpleCancellation);
        var page = RenderPage();

        var dialog = OpenDialogAsync(page, FeatureNames.SimpleCancellation);
        await _dialogs.Find("[data-testid=flag-action-On]").ClickAsync(new());
        await _dialogs.Find("[data-testid=flag-reason]").InputAsync(new() { Value = "Just looking" });
        await _dialogs.Find("[data-testid=flag-next]").ClickAsync(new());
        await _dialogs.Find("[data-testid=flag-back]").ClickAsync(new());
        await _dialogs.Find("[data-testid=flag-cancel]").ClickAsync(new());
        await dialog;

        _dialogs.WaitForAssertion(() => Assert.Empty(_dialogs.FindAll("[data-testid=flag-dialog]")));
        Assert.False((await Settings.GetStateAsync(FeatureNames.SimpleCancellation)).IsOverride);
    }

    [Fact]
    public async Task A_customer_sees_a_refusal_not_the_flags()
    {
        var customer = await _portal.ConfirmedUserAsync();
        SignIn(customer.Email!);
        Authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, customer.Id.ToString()));

        var page = Render<FlagsPage>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=flags-forbidden]")));
        Assert.Empty(page.FindAll("[data-testid=flag-row]"));
    }

    [Fact]
    public async Task In_russian_the_page_speaks_russian()
    {
        await SignedInAdminAsync();
        UseCulture("ru");

        var page = RenderPage();

        Assert.Equal("Флаги функций", page.Find("[data-testid=page-title]").TextContent.Trim());
        Assert.Equal("История изменений", page.Find("[data-testid=flag-history] h2").TextContent.Trim());
    }

    // The click's handler waits for the dialog's result, so the test does not await it before closing the dialog.
    private Task OpenDialogAsync(IRenderedComponent<FlagsPage> page, string flag)
    {
        var open = page.Find($"[data-testid=flag-row][data-flag={flag}] [data-testid=flag-change]").ClickAsync(new());
        _dialogs.WaitForAssertion(() => Assert.NotNull(_dialogs.Find("[data-testid=flag-dialog]")));
        return open;
    }

    private IRenderedComponent<FlagsPage> RenderPage()
    {
        Render<MudPopoverProvider>();
        _dialogs = Render<MudDialogProvider>();
        Render<MudSnackbarProvider>();
        var page = Render<FlagsPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=flags-page]")));
        return page;
    }

    private async Task<ApplicationUser> SignedInAdminAsync()
    {
        var admin = await _portal.AdminAsync();
        SignIn(admin.Email!, Roles.Admin);
        Authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, admin.Id.ToString()), new Claim(ClaimTypes.Name, admin.Email!));
        return admin;
    }
}
