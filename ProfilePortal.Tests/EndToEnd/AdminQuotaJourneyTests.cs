using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Domain.Organizations;
using ProfilePortal.Domain.Quotas;
using ProfilePortal.Infrastructure.Identity;
using ProfilePortal.Tests.Support;
using static Microsoft.Playwright.Assertions;
using static ProfilePortal.Tests.EndToEnd.AxeAssertions;

namespace ProfilePortal.Tests.EndToEnd;

[Collection(EndToEndCollection.Name)]
public sealed class AdminQuotaJourneyTests(PortalApp app, BrowserFixture browser)
{
    private const string Ben = "ben@profileportal.local";

    [Fact]
    public async Task An_admin_extends_a_demo_customers_quota_and_the_customer_sees_the_launches_on_the_profile()
    {
        var limitBefore = (await SnapshotOfAsync(Ben)).Limit;

        var admin = await browser.NewPageAsync(app.BaseAddress);
        await admin.SignInAsync(DemoDataSeeder.AdminEmail, DemoDataSeeder.AdminPassword);
        await Expect(admin.CurrentUser()).ToContainTextAsync(DemoDataSeeder.AdminEmail);
        await admin.GotoAsync("admin/quota");
        await admin.WaitForInteractiveAsync();
        await Expect(admin.ByTestId("admin-quota-submit")).ToBeEnabledAsync();
        AssertNoSeriousViolations(await admin.RunAxe(), "the quota extension page");
        await admin.ByTestId("admin-quota-emails").FillAsync(Ben);
        await admin.ByTestId("quota-extension-launches").FillAsync("37");
        await admin.ByTestId("quota-extension-reason").FillAsync("Support ticket: training burst for a demo");
        await admin.ByTestId("admin-quota-submit").ClickAsync();
        await Expect(admin.ByTestId("admin-quota-summary")).ToHaveTextAsync("Extended 1 of 1");
        await Expect(admin.ByTestId("admin-quota-outcome")).ToHaveTextAsync("Extended");

        var customer = await browser.NewPageAsync(app.BaseAddress);
        await customer.SignInAsync(Ben, DemoDataSeeder.CustomerPassword);
        await Expect(customer.CurrentUser()).ToContainTextAsync(Ben);
        await customer.OpenProfileAsync();
        await Expect(customer.ByTestId("quota-limit")).ToContainTextAsync((limitBefore + 37).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(customer.ByTestId("quota-breakdown")).ToContainTextAsync("granted 37");
    }

    [Fact]
    public async Task The_quota_page_sends_a_visitor_to_sign_in_refuses_a_customer_and_opens_for_an_admin()
    {
        var visitor = await browser.NewPageAsync(app.BaseAddress);
        await visitor.GotoAsync("admin/quota");
        await Expect(visitor).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login"));

        var customer = await browser.NewPageAsync(app.BaseAddress);
        await customer.SignInAsync(Ben, DemoDataSeeder.CustomerPassword);
        await Expect(customer.CurrentUser()).ToContainTextAsync(Ben);
        await customer.GotoAsync("admin/quota");
        await Expect(customer).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/AccessDenied"));
        await Expect(customer.ByTestId("admin-quota-page")).ToHaveCountAsync(0);

        var admin = await browser.NewPageAsync(app.BaseAddress);
        await admin.SignInAsync(DemoDataSeeder.AdminEmail, DemoDataSeeder.AdminPassword);
        await Expect(admin.CurrentUser()).ToContainTextAsync(DemoDataSeeder.AdminEmail);
        await admin.GotoAsync("admin/quota");
        await Expect(admin.ByTestId("admin-quota-page")).ToBeVisibleAsync();
    }

    private async Task<QuotaSnapshot> SnapshotOfAsync(string email)
    {
        var user = await app.FindUserAsync(email);
        var memberships = await app.Services.GetRequiredService<OrganizationAccess>().GetMembershipsAsync(user!.Id);
        var organizationId = memberships.Single(m => m.IsPersonal).OrganizationId;
        return (await app.Services.GetRequiredService<QuotaService>().GetFreshSnapshotAsync(organizationId))!;
    }
}
