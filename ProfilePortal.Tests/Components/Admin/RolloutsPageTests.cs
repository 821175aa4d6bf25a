using System.Security.Claims;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using ProfilePortal.Components.Admin;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Domain.Trials;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Components.Admin;

/// <summary>The rollouts page over the real rollout services and a SQLite database, as an admin uses it.</summary>
public sealed class RolloutsPageTests : PortalComponentTestContext, IClassFixture<RolloutServices>
{
    private readonly RolloutServices _portal;
    private IRenderedComponent<MudDialogProvider> _dialogs = default!;

    public RolloutsPageTests(RolloutServices portal)
    {
        _portal = portal;
        _portal.Outage.IsDown = false;
        Services.AddFallbackServiceProvider(portal.Services);
    }

    private TrialRollout Rollout => _portal.Get<TrialRollout>();

    [Fact]
    public async Task The_page_shows_the_share_in_force_the_steps_and_the_seeds_criteria()
    {
        await SignedInAdminAsync();
        await _portal.MoveRolloutToAsync(20);

        var page = RenderPage();

        Assert.Equal("Offered to 20 % of new visitors", page.Find("[data-testid=rollout-current]").TextContent.Trim());
        Assert.Equal(4, page.FindAll("[data-testid=rollout-steps] input[type=radio]").Count);
        Assert.True(page.Find("[data-testid=rollout-apply]").HasAttribute("disabled"));
        var criteria = page.FindAll("[data-testid=rollout-criterion]");
        Assert.Equal(
            ["billing_errors/Go/20", "trial_start_rate/Go/20", "trial_start_rate/Go/50", "conversion_charge_errors/Kill/", "trial_to_paid/Alert/"],
            criteria.Select(c => $"{c.GetAttribute("data-metric")}/{c.GetAttribute("data-kind")}/{c.GetAttribute("data-step")}"));
        var kill = criteria[3];
        Assert.Equal("> 10 %", kill.Children[2].TextContent.Trim());
        Assert.Contains("Kill switch", kill.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Moving_the_rollout_needs_a_reason_and_a_confirmation_and_then_shows_in_the_history()
    {
        var admin = await SignedInAdminAsync();
        await _portal.MoveRolloutToAsync(100);
        await _portal.MoveRolloutToAsync(20);
        _portal.Clock.Advance(TimeSpan.FromMinutes(1));
        var page = RenderPage();

        await page.Find("[data-testid=rollout-step-50]").ClickAsync(new());
        await page.Find("[data-testid=rollout-apply]").ClickAsync(new());
        Assert.Contains("Say why the rollout changes.", page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Move the trial rollout", _dialogs.Markup, StringComparison.Ordinal);

        await page.Find("[data-testid=rollout-reason]").InputAsync(new() { Value = "Step 1 criteria met" });
        var apply = page.Find("[data-testid=rollout-apply]").ClickAsync(new());
        _dialogs.WaitForAssertion(() => Assert.Contains("Move the trial rollout to 50 %?", _dialogs.Markup, StringComparison.Ordinal));
        Assert.Contains("20 % → 50 %", _dialogs.Markup, StringComparison.Ordinal);
        await _dialogs.FindAll("button").Single(b => b.TextContent.Contains("Move to 50 %", StringComparison.Ordinal)).ClickAsync(new());
        await apply;

        page.WaitForAssertion(() => Assert.Equal("Offered to 50 % of new visitors", page.Find("[data-testid=rollout-current]").TextContent.Trim()));
        var latest = page.FindAll("[data-testid=rollout-history-row]")[0];
        Assert.Equal(admin.Email, latest.QuerySelector("[data-testid=rollout-history-who]")!.TextContent.Trim());
        Assert.Equal("20 % → 50 %", DisplayText.Spaced(latest.QuerySelector("[data-testid=rollout-history-change]")!.TextContent));
        Assert.Equal("Step 1 criteria met", latest.QuerySelector("[data-testid=rollout-history-reason]")!.TextContent.Trim());
        Assert.Equal(50, (await Rollout.GetAsync((await _portal.Admin).Id)).Value.Percentage);
        Assert.Equal("The trial rollout is at 50 % now.", Assert.Single(Services.GetRequiredService<ISnackbar>().ShownSnackbars).Message);
    }

    [Fact]
    public async Task Cancelling_the_confirmation_changes_nothing()
    {
        await SignedInAdminAsync();
        await _portal.MoveRolloutToAsync(20);
        var page = RenderPage();

        await page.Find("[data-testid=rollout-step-0]").ClickAsync(new());
        await page.Find("[data-testid=rollout-reason]").InputAsync(new() { Value = "Just looking" });
        var apply = page.Find("[data-testid=rollout-apply]").ClickAsync(new());
        _dialogs.WaitForAssertion(() => Assert.Contains("Move the trial rollout to 0 %?", _dialogs.Markup, StringComparison.Ordinal));
        await _dialogs.FindAll("button").Single(b => b.TextContent.Contains("Cancel", StringComparison.Ordinal)).ClickAsync(new());
        await apply;

        Assert.Equal("Offered to 20 % of new visitors", page.Find("[data-testid=rollout-current]").TextContent.Trim());
        Assert.Equal(20, (await Rollout.GetAsync((await _portal.Admin).Id)).Value.Percentage);
    }

    [Fact]
    public async Task A_customer_who_reaches_the_page_is_refused_by_the_domain_and_sees_nothing_of_the_rollout()
    {
        var customer = await _portal.CustomerAsync();
        SignIn(customer.User.Email!);
        Authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, customer.Id.ToString()));
        await _portal.MoveRolloutToAsync(20);

        var page = Render<RolloutsPage>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=access-denied]")));
        Assert.Empty(page.FindAll("[data-testid=rollouts-page]"));
        Assert.Equal(20, (await Rollout.GetAsync((await _portal.Admin).Id)).Value.Percentage);
    }

    [Fact]
    public async Task The_kill_switch_appears_in_the_history_and_the_criteria_show_the_live_figures()
    {
        await SignedInAdminAsync();
        _portal.Clock.Advance(TimeSpan.FromDays(8));
        await _portal.MoveRolloutToAsync(20);
        await _portal.RecordConversionAttemptsAsync(await _portal.CustomerAsync(), succeeded: 8, declined: 2);
        _portal.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(KillSwitchOutcome.Stopped, (await _portal.Get<TrialRolloutKillSwitch>().RunAsync()).Outcome);

        var page = RenderPage();

        Assert.Equal("Offered to 0 % of new visitors", page.Find("[data-testid=rollout-current]").TextContent.Trim());
        var stop = page.FindAll("[data-testid=rollout-history-row]")[0];
        Assert.Equal("System (kill switch)", stop.QuerySelector("[data-testid=rollout-history-who]")!.TextContent.Trim());
        Assert.Equal("20 % → 0 %", DisplayText.Spaced(stop.QuerySelector("[data-testid=rollout-history-change]")!.TextContent));
        Assert.Contains("(2 of 10 attempts", stop.QuerySelector("[data-testid=rollout-history-reason]")!.TextContent, StringComparison.Ordinal);
        var billing = page.Find("[data-testid=rollout-criterion][data-metric=billing_errors]");
        Assert.Equal("20 % (2 of 10)", billing.QuerySelector("[data-testid=rollout-criterion-value]")!.TextContent.Trim());
        Assert.Equal("Not met", billing.QuerySelector("[data-testid=rollout-criterion-status]")!.TextContent.Trim());
        Assert.Equal("Not enough data", page.Find("[data-testid=rollout-criterion][data-metric=conversion_charge_errors] [data-testid=rollout-criterion-status]").TextContent.Trim());
    }

    [Fact]
    public async Task In_russian_the_page_criteria_and_history_speak_russian()
    {
        await SignedInAdminAsync();
        await _portal.MoveRolloutToAsync(50);
        UseCulture("ru");

        var page = RenderPage();

        Assert.Equal("Раскатка", page.Find("[data-testid=page-title]").TextContent.Trim());
        Assert.Equal("Предлагается 50 % новых посетителей", page.Find("[data-testid=rollout-current]").TextContent.Trim());
        Assert.Equal("Доля ошибок оплаты, все списания", page.Find("[data-testid=rollout-criterion][data-metric=billing_errors] th").TextContent.Trim());
        Assert.Equal("История изменений", page.Find("[data-testid=rollout-history] h2").TextContent.Trim());
    }

    [Fact]
    public async Task A_failed_load_offers_a_retry_that_brings_the_page()
    {
        await SignedInAdminAsync();
        _portal.Outage.IsDown = true;

        var page = Render<RolloutsPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=rollouts-error]")));
        _portal.Outage.IsDown = false;
        await page.Find("[data-testid=rollouts-retry]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=rollouts-page]")));
    }

    [Fact]
    public void The_admin_page_links_to_the_rollouts()
    {
        var page = Render<AdminPage>();

        Assert.Equal("admin/rollouts", page.Find("[data-testid=admin-rollouts]").GetAttribute("href"));
    }

    private IRenderedComponent<RolloutsPage> RenderPage()
    {
        Render<MudPopoverProvider>();
        _dialogs = Render<MudDialogProvider>();
        Render<MudSnackbarProvider>();
        var page = Render<RolloutsPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=rollouts-page]")));
        return page;
    }

    private async Task<ApplicationUser> SignedInAdminAsync()
    {
        var admin = await _portal.Admin;
        SignIn(admin.Email!, Roles.Admin);
        Authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, admin.Id.ToString()), new Claim(ClaimTypes.Name, admin.Email!));
        return admin;
    }
}
