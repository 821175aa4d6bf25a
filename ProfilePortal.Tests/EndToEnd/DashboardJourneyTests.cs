using System.Globalization;
using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using ProfilePortal.Domain.Dashboards;
using ProfilePortal.Infrastructure.Identity;
using ProfilePortal.Tests.Support;
using static Microsoft.Playwright.Assertions;
using static ProfilePortal.Tests.EndToEnd.AxeAssertions;

namespace ProfilePortal.Tests.EndToEnd;

[Collection(EndToEndCollection.Name)]
public sealed partial class DashboardJourneyTests(PortalApp app, BrowserFixture browser)
{
    // The charts drawn from the demo data: Dan's monthly plan gives MRR and a paying subscription in today's snapshot (a
    // new database has no earlier one), his purchase a new subscription today, his charge and the demo emails the rates.
    private static readonly string[] ChartsWithData = ["mrr", "active-by-plan", "new-per-day", "rates", "by-generation"];

    [Fact]
    public async Task An_admin_runs_the_rollup_opens_the_dashboards_from_the_admin_page_and_sees_the_demo_figures_and_charts()
    {
        var admin = await browser.NewPageAsync(app.BaseAddress);
        await admin.SignInAsync(DemoDataSeeder.AdminEmail, DemoDataSeeder.AdminPassword);
        await Expect(admin.CurrentUser()).ToContainTextAsync(DemoDataSeeder.AdminEmail);

        // The rollup runs at start-up, perhaps before this test or perhaps not yet. The admin runs it now, as the
        // dashboard's own notice suggests, and waits for that run (it carries the admin's name): whatever the
        // start-up run did, the figures are then computed from the demo data already seeded.
        await RunTheRollupAsync(admin);

        await admin.GotoAsync("admin");
        await admin.WaitForInteractiveAsync();
        await admin.ByTestId("admin-dashboard-link").ClickAsync();
        await Expect(admin).ToHaveURLAsync(new Regex("/admin/dashboard$"));
        await Expect(admin).ToHaveTitleAsync(new Regex("Dashboards"));
        await Expect(admin.ByTestId("page-title")).ToHaveTextAsync("Dashboards");

        // The last 30 days by default, computed (no "not computed yet" notice), with Dan's plan in the totals.
        var today = DashboardDays.Of(DateTimeOffset.UtcNow);
        await Expect(admin.ByTestId("dashboard-last-30")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(admin.ByTestId("dashboard-computed")).ToContainTextAsync(Period(today.AddDays(-29), today));
        await Expect(admin.ByTestId("dashboard-empty")).ToHaveCountAsync(0);
        await Expect(Figure(admin, "mrr")).ToHaveTextAsync(NonZero());
        await Expect(Figure(admin, "mrr")).ToContainTextAsync("₽");
        await Expect(Figure(admin, "active")).ToHaveTextAsync(NonZero());
        await Expect(Figure(admin, "new-subscriptions")).ToHaveTextAsync(NonZero());

        foreach (var chart in ChartsWithData)
        {
            var card = admin.ByTestId($"dashboard-chart-{chart}");
            await Expect(card.Locator("svg").First).ToBeVisibleAsync();
            await Expect(card.Locator("svg .mud-chart-serie, svg .mud-chart-bar").First).ToBeAttachedAsync();
            await Expect(card.Locator("[data-testid='dashboard-chart-empty']")).ToHaveCountAsync(0);
        }

        AssertNoSeriousViolations(await admin.RunAxe(), "the dashboards over the last 30 days");

        await admin.ByTestId("dashboard-last-7").ClickAsync();
        await Expect(admin.ByTestId("dashboard-last-7")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(admin.ByTestId("dashboard-last-30")).ToHaveAttributeAsync("aria-pressed", "false");
        Assert.NotEqual(await BackgroundOfAsync(admin, "dashboard-last-30"), await BackgroundOfAsync(admin, "dashboard-last-7"));
        await Expect(admin.ByTestId("dashboard-computed")).ToContainTextAsync(Period(today.AddDays(-6), today));
        await Expect(Figure(admin, "mrr")).ToHaveTextAsync(NonZero());
        await Expect(admin.ByTestId("dashboard-chart-mrr").Locator("svg").First).ToBeVisibleAsync();
        AssertNoSeriousViolations(await admin.RunAxe(), "the dashboards over the last 7 days");

        // The same page in Russian, through the header's language switch.
        await admin.ByTestId("lang-ru").ClickAsync();
        await Expect(admin.ByTestId("page-title")).ToHaveTextAsync("Дашборды");
        await Expect(admin).ToHaveTitleAsync(new Regex("Дашборды"));
    }

    /// <summary>The jobs page's "Run now" for the dashboard figures, then Refresh until the admin's run has finished.</summary>
    private static async Task RunTheRollupAsync(IPage admin)
    {
        await admin.GotoAsync("admin/jobs");
        await admin.WaitForInteractiveAsync();
        var row = admin.Locator("tr").Filter(new() { Has = admin.Locator("code", new() { HasTextString = "dashboard-rollup" }) });
        await row.Locator("[data-testid='jobs-run-now']").ClickAsync();
        await Expect(admin.Locator(".mud-snackbar")).ToContainTextAsync("Dashboard figures was started.");

        var ranByAdmin = row.Locator("[data-testid='jobs-run-by']").Filter(new() { HasTextString = DemoDataSeeder.AdminEmail });
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (await ranByAdmin.CountAsync() == 0 && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(500);
            await admin.ByTestId("jobs-refresh").ClickAsync();
            await Expect(admin.ByTestId("jobs-refresh")).ToBeEnabledAsync();
        }

        await Expect(ranByAdmin).ToHaveCountAsync(1);
        await Expect(row.Locator("[data-testid='jobs-outcome']")).ToHaveTextAsync("Succeeded");
    }

    // The pressed period is painted differently, not only announced.
    private static Task<string> BackgroundOfAsync(IPage page, string testId) =>
        page.ByTestId(testId).EvaluateAsync<string>("button => getComputedStyle(button).backgroundColor");

    private static ILocator Figure(IPage page, string name) =>
        page.ByTestId($"dashboard-figure-{name}").Locator("[data-testid='dashboard-figure-value']");

    // The page writes the period's days in the admin's culture (the demo admin's English) before "figures computed …".
    private static string Period(DateOnly from, DateOnly to)
    {
        var culture = CultureInfo.GetCultureInfo(Domain.Identity.SupportedLanguages.English);
        return $"{from.ToString("d", culture)} – {to.ToString("d", culture)}";
    }

    [GeneratedRegex("[1-9]")]
    private static partial Regex NonZero();
}
