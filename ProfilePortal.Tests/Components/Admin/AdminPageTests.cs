using System.Security.Claims;
using Bunit;
using MudBlazor;
using ProfilePortal.Components.Admin;
using ProfilePortal.Domain.Alerts;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Tests.Components.Profile;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Components.Admin;

/// <summary>The admin home over the real services: the section links and the open alerts, acknowledged in place.</summary>
public sealed class AdminPageTests(ProfileUiServices portal) : ProfileComponentTestContext(portal), IClassFixture<ProfileUiServices>
{
    [Theory]
    [InlineData("en", "Fraud review queue", "Audit log")]
    [InlineData("ru", "Очередь проверки на мошенничество", "Журнал аудита")]
    public async Task The_admin_page_links_to_the_admin_sections(string culture, string fraud, string audit)
    {
        UseCulture(culture);
        await SignedInAdminAsync();

        var page = RenderPage();

        Assert.Equal(("admin/fraud", fraud), (page.Find("[data-testid=admin-fraud-link]").GetAttribute("href"), page.Find("[data-testid=admin-fraud-link]").TextContent.Trim()));
        Assert.Equal(("admin/audit", audit), (page.Find("[data-testid=admin-audit-link]").GetAttribute("href"), page.Find("[data-testid=admin-audit-link]").TextContent.Trim()));
        Assert.Equal("admin/rollouts", page.Find("[data-testid=admin-rollouts]").GetAttribute("href"));
    }

    [Fact]
    public async Task An_open_alert_shows_severity_rule_value_against_threshold_and_since_and_is_acknowledged_with_a_click()
    {
        var admin = await SignedInAdminAsync();
        await Portal.FreshWindowAsync();
        await Portal.SettledAttemptsAsync(succeeded: 15, declined: 5, TimeSpan.FromMinutes(5));
        await Portal.Get<AlertMonitor>().RunAsync();

        var page = RenderPage();

        var row = page.Find("[data-testid=alert-billing_error_rate]");
        Assert.Equal("Critical", row.QuerySelector("[data-testid=alert-severity]")!.TextContent.Trim());
        Assert.Equal("Billing error rate", row.QuerySelector("[data-testid=alert-rule]")!.TextContent.Trim());
        Assert.Equal("25 % (threshold > 5 %)", row.QuerySelector("[data-testid=alert-value]")!.TextContent.Trim());
        Assert.NotEmpty(row.QuerySelector("[data-testid=alert-since]")!.TextContent.Trim());

        page.Find("[data-testid=alert-billing_error_rate] [data-testid=alert-acknowledge]").Click();

        page.WaitForAssertion(() => Assert.StartsWith(
            $"Acknowledged by {admin.Email}",
            page.Find("[data-testid=alert-billing_error_rate] [data-testid=alert-acknowledged]").TextContent.Trim(),
            StringComparison.Ordinal));
        Assert.Single(await Portal.AuditOfAsync(AlertService.AuditTarget, (await OpenAlertIdAsync(admin.Id)).ToString()));
    }

    [Fact]
    public async Task Without_open_alerts_it_says_all_is_within_thresholds()
    {
        await SignedInAdminAsync();
        await Portal.FreshWindowAsync();

        var page = RenderPage();

        Assert.Contains("No open alerts", page.Find("[data-testid=alerts-empty]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_customer_who_reaches_the_component_sees_an_error_not_the_alerts()
    {
        await SignedInCustomerAsync();

        var page = RenderPage();

        Assert.NotNull(page.Find("[data-testid=alerts-error]"));
        Assert.Empty(page.FindAll("[data-testid=alerts-table]"));
    }

    [Fact]
    public void The_page_requires_the_admin_policy() =>
        Assert.Equal(Roles.Admin, Assert.Single(typeof(AdminPage).GetCustomAttributes(typeof(Microsoft.AspNetCore.Authorization.AuthorizeAttribute), true)
            .Cast<Microsoft.AspNetCore.Authorization.AuthorizeAttribute>()).Policy);

    private async Task<ApplicationUser> SignedInAdminAsync()
    {
        var admin = await Portal.AdminAsync();
        SignIn(admin.Email!, Roles.Admin);
        Authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, admin.Id.ToString()), new Claim(ClaimTypes.Name, admin.Email!));
        return admin;
    }

    private IRenderedComponent<AdminPage> RenderPage()
    {
        Render<MudSnackbarProvider>();
        var page = Render<AdminPage>();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=alerts-loading]")));
        return page;
    }

    private async Task<Guid> OpenAlertIdAsync(Guid adminId) =>
        Assert.Single((await Portal.Get<AlertService>().ListOpenAsync(adminId)).Value, a => a.Rule == AlertRules.BillingErrorRate).Id;
}
