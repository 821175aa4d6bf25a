using System.Security.Claims;
using Bunit;
using MudBlazor;
using ProfilePortal.Components.Admin;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Tests.Components.Profile;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Components.Admin;

/// <summary>The customer list and the customer page over the real directory and a SQLite database.</summary>
public sealed class CustomersPageTests(ProfileUiServices portal) : ProfileComponentTestContext(portal), IClassFixture<ProfileUiServices>
{
    [Fact]
    public async Task Typing_in_the_search_box_narrows_the_grid_to_the_matching_customers()
    {
        var word = CustomerBuilders.UniqueWord("Vb");
        var match = await Portal.NamedCustomerAsync(Builders.UniqueEmail(), "Marta", word + "ska", "Lighthouse");
        await Portal.NamedCustomerAsync(Builders.UniqueEmail(), "Boris", "Other", null);
        await SignedInAdminAsync();
        var page = RenderList();
        page.WaitForAssertion(() => Assert.True(Rows(page).Count >= 2));

        await TypeAsync(page, word.ToLowerInvariant());

        page.WaitForAssertion(() => Assert.Single(Rows(page)), TimeSpan.FromSeconds(5));
        var row = Rows(page)[0];
        Assert.Equal(match.Email, row.QuerySelector("[data-testid=customer-link]")!.TextContent.Trim());
        Assert.Equal(CustomerPage.Href(match.Id), row.QuerySelector("[data-testid=customer-link]")!.GetAttribute("href"));
        Assert.Contains($"Marta {word}ska", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Lighthouse", row.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pager_moves_through_the_matches_twenty_at_a_time()
    {
        var word = CustomerBuilders.UniqueWord("Ub");
        for (var i = 0; i < 22; i++)
        {
            await Portal.NamedCustomerAsync($"{word}{(char)('a' + i)}@example.com", "Nina", "Orlova", null);
        }

        await SignedInAdminAsync();
        var page = RenderList();
        await TypeAsync(page, word);
        page.WaitForAssertion(() => Assert.Equal($"{word}a@example.com", Emails(page).FirstOrDefault()), TimeSpan.FromSeconds(5));
        Assert.Equal(20, Rows(page).Count);

        await page.Find("[data-testid=customers-pager] button[aria-label='Next page']").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Equal([$"{word}u@example.com", $"{word}v@example.com"], Emails(page)), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task The_customer_page_shows_the_profile_organization_members_and_its_actions()
    {
        var word = CustomerBuilders.UniqueWord("Tb");
        var customer = await Portal.NamedCustomerAsync(Builders.UniqueEmail(), "Alla", word, "Sever");
        await SignedInAdminAsync();

        var page = Render<CustomerPage>(p => p.Add(c => c.UserId, customer.Id));

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=customer-profile]")));
        Assert.Contains(customer.Email!, page.Find("[data-testid=customer-email]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Sever", page.Find("[data-testid=customer-company]").TextContent.Trim());
        var organization = page.Find("[data-testid=customer-organization]");
        Assert.Contains(customer.Email!, organization.QuerySelector("[data-testid=customer-member]")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(organization.QuerySelector("[data-testid=customer-quota]"));
        Assert.NotNull(organization.QuerySelector("[data-testid=customer-payments-empty]"));
        Assert.NotNull(page.Find("[data-testid=customer-quota-actions] [data-testid=customer-extend-quota]"));
        Assert.NotEmpty(page.FindAll("[data-testid=customer-activity-row]"));
    }

    [Fact]
    public async Task Extending_the_quota_from_the_customer_page_adds_the_launches_and_shows_them_after_reload()
    {
        var customer = await Portal.NamedCustomerAsync(Builders.UniqueEmail(), "Rita", CustomerBuilders.UniqueWord("Qx"), "Delta");
        await SignedInAdminAsync();
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        Render<MudBlazor.MudSnackbarProvider>();
        var page = Render<CustomerPage>(p => p.Add(c => c.UserId, customer.Id));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=customer-extend-quota]")));

        var opening = page.Find("[data-testid=customer-extend-quota]").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains(customer.Email!, dialogs.Find("[data-testid=quota-extension-customer]").TextContent, StringComparison.Ordinal));
        await dialogs.Find("[data-testid=quota-extension-launches]").ChangeAsync(new() { Value = "25" });
        await dialogs.Find("[data-testid=quota-extension-reason]").InputAsync(new() { Value = "Support ticket 4711" });
        await dialogs.Find("[data-testid=quota-extension-confirm]").ClickAsync(new());
        await opening.WaitAsync(TimeSpan.FromSeconds(10));

        var organizationId = await Portal.PersonalOrganizationAsync(customer.Id);
        Assert.Equal(25, (await Portal.Get<Domain.Quotas.QuotaService>().GetSnapshotAsync(organizationId))!.Granted);
        page.WaitForAssertion(() => Assert.Contains("Support ticket 4711", page.Find("[data-testid=customer-organization]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_customer_shows_not_found()
    {
        await SignedInAdminAsync();

        var page = Render<CustomerPage>(p => p.Add(c => c.UserId, Guid.NewGuid()));

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=customer-not-found]")));
    }

    [Fact]
    public async Task A_signed_in_customer_is_told_access_is_denied_on_both_pages()
    {
        var other = await Portal.ConfirmedUserAsync();
        await SignedInCustomerAsync();

        var list = Render<CustomersPage>();
        var details = Render<CustomerPage>(p => p.Add(c => c.UserId, other.Id));

        list.WaitForAssertion(() => Assert.NotNull(list.Find("[data-testid=access-denied]")));
        details.WaitForAssertion(() => Assert.NotNull(details.Find("[data-testid=access-denied]")));
        Assert.Empty(list.FindAll("[data-testid=customers-grid] tbody tr[data-testid=customer-row]"));
        Assert.Empty(details.FindAll("[data-testid=customer-profile]"));
    }

    // MudTextField puts the test id on its input or on its root, depending on the version.
    private const string SearchBox = "input[data-testid=customers-search], [data-testid=customers-search] input";

    /// <summary>Types into the search box and lets the debounce pause pass (MudBlazor times it with the fake clock).</summary>
    private async Task TypeAsync(IRenderedComponent<CustomersPage> page, string text)
    {
        await page.Find(SearchBox).InputAsync(new() { Value = text });
        Clock.Advance(TimeSpan.FromMilliseconds(300));
    }

    private async Task SignedInAdminAsync()
    {
        var admin = await Portal.AdminAsync();
        SignIn(admin.Email!, Roles.Admin);
        Authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, admin.Id.ToString()), new Claim(ClaimTypes.Name, admin.Email!));
    }

    private IRenderedComponent<CustomersPage> RenderList()
    {
        Render<MudPopoverProvider>();
        return Render<CustomersPage>();
    }

    private static List<AngleSharp.Dom.IElement> Rows(IRenderedComponent<CustomersPage> page) =>
        page.FindAll("[data-testid=customers-grid] tbody tr").Where(r => r.QuerySelector("[data-testid=customer-link]") is not null).ToList();

    private static List<string> Emails(IRenderedComponent<CustomersPage> page) =>
        Rows(page).Select(r => r.QuerySelector("[data-testid=customer-link]")!.TextContent.Trim()).ToList();
}
