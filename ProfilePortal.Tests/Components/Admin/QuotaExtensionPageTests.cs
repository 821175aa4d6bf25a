using Bunit;
using ProfilePortal.Components.Admin;
using ProfilePortal.Tests.Components.Profile;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Components.Admin;

public sealed class QuotaExtensionPageTests(ProfileUiServices portal) : AdminQuotaTestContext(portal), IClassFixture<ProfileUiServices>
{
    [Fact]
    public async Task The_bulk_page_extends_the_known_addresses_and_reports_every_line()
    {
        var first = await Portal.CustomerAsync();
        var second = await Portal.CustomerAsync();
        await SignedInAdminAsync();
        RenderProviders();
        var page = Render<QuotaExtensionPage>();
        page.WaitForAssertion(() => Assert.False(page.Find("[data-testid=admin-quota-submit]").HasAttribute("disabled")));
        Assert.NotNull(page.Find("[data-testid=admin-quota-empty]"));

        await page.Find("[data-testid=admin-quota-emails]").InputAsync(new() { Value = $"{first.User.Email}, nobody@example.com\nnonsense\n{second.User.Email}" });
        await page.Find("[data-testid=quota-extension-launches]").ChangeAsync(new() { Value = "20" });
        await page.Find("[data-testid=quota-extension-reason]").InputAsync(new() { Value = "Outage on 20 November" });
        await page.Find("[data-testid=admin-quota-submit]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Equal("Extended 2 of 4", page.Find("[data-testid=admin-quota-summary]").TextContent.Trim()));
        Assert.Equal(
            ["Extended", "No such customer", "Not an email", "Extended"],
            page.FindAll("[data-testid=admin-quota-outcome]").Select(c => c.TextContent.Trim()));
        Assert.Equal(20, await GrantedAsync(first.OrganizationId));
        Assert.Equal(20, await GrantedAsync(second.OrganizationId));
    }

    [Fact]
    public async Task Shared_mistakes_show_on_their_fields_and_grant_nothing()
    {
        var customer = await Portal.CustomerAsync();
        await SignedInAdminAsync();
        RenderProviders();
        var page = Render<QuotaExtensionPage>();
        page.WaitForAssertion(() => Assert.False(page.Find("[data-testid=admin-quota-submit]").HasAttribute("disabled")));

        await page.Find("[data-testid=admin-quota-submit]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains("Enter at least one email address.", page.Markup, StringComparison.Ordinal));

        await page.Find("[data-testid=admin-quota-emails]").InputAsync(new() { Value = customer.User.Email! });
        await page.Find("[data-testid=admin-quota-submit]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains("Say why.", page.Markup, StringComparison.Ordinal));
        Assert.DoesNotContain("Enter at least one email address.", page.Markup, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=admin-quota-report]"));
        Assert.Equal(0, await GrantedAsync(customer.OrganizationId));
    }
}
