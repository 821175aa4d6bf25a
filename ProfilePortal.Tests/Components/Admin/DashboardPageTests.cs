using System.Globalization;
using System.Security.Claims;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using ProfilePortal.Components.Admin;
using ProfilePortal.Components.Shared;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Dashboards;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Tests.Integration.Dashboards;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Components.Admin;

/// <summary>The dashboard page over the real rollup and queries and a SQLite database.</summary>
public abstract class DashboardPageTestContext : PortalComponentTestContext
{
    protected DashboardPageTestContext(DashboardServices portal)
    {
        Portal = portal;
        Services.AddFallbackServiceProvider(portal.Services);
    }

    protected DashboardServices Portal { get; }

    protected async Task SignedInAdminAsync()
    {
        var admin = await Portal.AdminAsync();
        SignIn(admin.Email!, Roles.Admin);
        Authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, admin.Id.ToString()), new Claim(ClaimTypes.Name, admin.Email!));
    }
}

/// <summary>The dashboard page as an admin reads it.</summary>
public sealed class DashboardPageTests(DashboardServices portal) : DashboardPageTestContext(portal), IClassFixture<DashboardServices>
{

    [Fact]
    public async Task The_admin_sees_the_periods_totals_and_a_chart_of_each_story_and_can_switch_the_period()
    {
        await SignedInAdminAsync();
        var buyer = await Portal.CustomerAsync();
        await Portal.BuyAsync(buyer, "new_monthly");
        await Portal.StartTrialAsync(await Portal.CustomerAsync());
        await Portal.Get<DashboardRollup>().RunAsync();

        var page = RenderPage();

        Assert.Equal(MoneyFormat.Format(Money.Rubles(3900m)), Figure(page, "mrr"));
        Assert.Equal("1", Figure(page, "active"));
        Assert.Equal("1", Figure(page, "new-subscriptions"));
        Assert.Equal("1", Figure(page, "trials-started"));
        Assert.Equal("0 %", Figure(page, "charge-errors"));
        Assert.Equal("—", Figure(page, "trial-to-paid"));
        Assert.Equal("0 of 1", page.Find("[data-testid=dashboard-figure-charge-errors] [data-testid=dashboard-figure-detail]").TextContent.Trim());
        foreach (var chart in new[] { "mrr", "active-by-plan", "new-per-day", "by-generation" })
        {
            Assert.NotNull(page.Find($"[data-testid=dashboard-chart-{chart}] svg"));
        }

        Assert.Equal("true", page.Find("[data-testid=dashboard-last-30]").GetAttribute("aria-pressed"));
        await page.Find("[data-testid=dashboard-last-7]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Equal("true", page.Find("[data-testid=dashboard-last-7]").GetAttribute("aria-pressed")));
        var today = DashboardDays.Of(Portal.Clock.GetUtcNow());
        Assert.StartsWith(
            $"{today.AddDays(-6).ToString("d", CultureInfo.CurrentCulture)} – {today.ToString("d", CultureInfo.CurrentCulture)}",
            page.Find("[data-testid=dashboard-computed]").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal("1", Figure(page, "new-subscriptions"));
    }

    [Fact]
    public async Task The_page_speaks_russian()
    {
        await SignedInAdminAsync();
        UseCulture("ru");

        var page = RenderPage();

        Assert.Equal("Дашборды", page.Find("[data-testid=page-title]").TextContent.Trim());
        Assert.Equal("Новые подписки", page.Find("[data-testid=dashboard-figure-new-subscriptions] h3").TextContent.Trim());
        Assert.Equal("Последние 7 дн.", page.Find("[data-testid=dashboard-last-7]").TextContent.Trim());
    }

    [Fact]
    public async Task A_customer_who_reaches_the_page_is_refused_by_the_query_too()
    {
        var customer = await Portal.RegisteredUserAsync();
        SignIn(customer.Email!);
        Authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, customer.Id.ToString()), new Claim(ClaimTypes.Name, customer.Email!));

        var page = Render<DashboardPage>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=access-denied]")));
        Assert.Empty(page.FindAll("[data-testid=dashboard-totals]"));
    }

    [Fact]
    public void The_admin_home_links_to_the_dashboards()
    {
        var page = Render<AdminPage>();

        Assert.Equal("admin/dashboard", page.Find("[data-testid=admin-dashboard-link]").GetAttribute("href"));
    }

    private static string Figure(IRenderedComponent<DashboardPage> page, string name) =>
        page.Find($"[data-testid=dashboard-figure-{name}] [data-testid=dashboard-figure-value]").TextContent.Trim();

    private IRenderedComponent<DashboardPage> RenderPage()
    {
        Render<MudPopoverProvider>();
        var page = Render<DashboardPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=dashboard-totals]")));
        return page;
    }
}

/// <summary>Before the rollup has ever run, the page says so and where to run it, and draws nothing.</summary>
public sealed class DashboardPageBeforeRollupTests(DashboardServices portal) : DashboardPageTestContext(portal), IClassFixture<DashboardServices>
{
    [Fact]
    public async Task The_page_says_no_figures_were_computed_yet_and_links_to_the_jobs()
    {
        await SignedInAdminAsync();
        Render<MudPopoverProvider>();

        var page = Render<DashboardPage>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=dashboard-empty]")));
        Assert.Equal("admin/jobs", page.Find("[data-testid=dashboard-empty] a").GetAttribute("href"));
        Assert.Equal("—", page.Find("[data-testid=dashboard-figure-mrr] [data-testid=dashboard-figure-value]").TextContent.Trim());
        Assert.Equal(5, page.FindAll("[data-testid=dashboard-chart-empty]").Count);
    }
}
