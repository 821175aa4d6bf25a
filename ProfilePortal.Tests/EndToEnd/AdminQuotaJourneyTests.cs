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

    // No other journey changes Dan's quota, so what the admin grants here is all that changes on his card.
    private const string Dan = DemoDataSeeder.PayingCustomerEmail;

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
    public async Task An_admin_finds_a_demo_customer_extends_the_quota_from_the_customer_page_and_the_customer_sees_it()
    {
        var danId = (await app.FindUserAsync(Dan))!.Id;
        var organizationId = await PersonalOrganizationOfAsync(Dan);
        var before = await SnapshotOfAsync(Dan);
        const int launches = 25;
        const string reason = "Support ticket: a longer training run for the demo";

        var admin = await browser.NewPageAsync(app.BaseAddress);
        await admin.SignInAsync(DemoDataSeeder.AdminEmail, DemoDataSeeder.AdminPassword);
        await Expect(admin.CurrentUser()).ToContainTextAsync(DemoDataSeeder.AdminEmail);

        // The list: part of the last name (Novak) typed into the search finds Dan's row.
        await admin.GotoAsync("admin/customers");
        var search = admin.ByTestId("customers-search");
        await search.ClickAsync();
        await admin.Keyboard.TypeAsync("nova");
        var row = admin.ByTestId("customer-link").Filter(new() { HasText = Dan });
        await Expect(row).ToBeVisibleAsync();
        AssertNoSeriousViolations(await admin.RunAxe(), "the customer list with a search");

        // The customer page: the personal organization's quota extension, through its dialog.
        await row.ClickAsync();
        await Expect(admin).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/admin/customers/{danId}$"));
        var organization = admin.Locator($"[data-testid='customer-organization'][data-organization='{organizationId}']");
        await Expect(organization.Locator("[data-testid='customer-quota']")).ToBeVisibleAsync();
        AssertNoSeriousViolations(await admin.RunAxe(), "the customer page");
        await organization.Locator("[data-testid='customer-extend-quota']").ClickAsync();

        var dialog = admin.ByTestId("quota-extension-dialog");
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog.Locator("[data-testid='quota-extension-customer']")).ToContainTextAsync(Dan);
        await dialog.Locator("[data-testid='quota-extension-launches']").FillAsync(launches.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await dialog.Locator("[data-testid='quota-extension-reason']").ClickAsync();
        await admin.Keyboard.TypeAsync(reason);
        AssertNoSeriousViolations(await admin.RunAxe(), "the quota extension dialog");
        await admin.ByTestId("quota-extension-confirm").ClickAsync();

        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(admin.Locator(".mud-snackbar")).ToContainTextAsync($"{launches} launches added.");
        await Expect(organization.Locator("[data-testid='customer-grants-row']").Filter(new() { HasText = reason })).ToContainTextAsync($"+{launches}");

        // The customer, in a browser of their own, sees the extra launches on the profile's quota card.
        var customer = await browser.NewPageAsync(app.BaseAddress);
        await customer.SignInAsync(Dan, DemoDataSeeder.CustomerPassword);
        await Expect(customer.CurrentUser()).ToContainTextAsync(Dan);
        await customer.OpenProfileAsync();
        await Expect(customer.ByTestId("quota-limit")).ToContainTextAsync((before.Limit + launches).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(customer.ByTestId("quota-breakdown")).ToContainTextAsync($"granted {before.Granted + launches}");
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

    private async Task<QuotaSnapshot> SnapshotOfAsync(string email) =>
        (await app.Services.GetRequiredService<QuotaService>().GetFreshSnapshotAsync(await PersonalOrganizationOfAsync(email)))!;

    private async Task<Guid> PersonalOrganizationOfAsync(string email)
    {
        var user = await app.FindUserAsync(email);
        var memberships = await app.Services.GetRequiredService<OrganizationAccess>().GetMembershipsAsync(user!.Id);
        return memberships.Single(m => m.IsPersonal).OrganizationId;
    }
}
