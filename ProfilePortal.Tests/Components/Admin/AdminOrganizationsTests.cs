using Bunit;
using MudBlazor;
using ProfilePortal.Components.Admin;
using ProfilePortal.Domain.Admin;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Organizations;
using ProfilePortal.Tests.Components.Profile;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Components.Admin;

/// <summary>The organization list, an organization's page and the subscription move dialog over the real services.</summary>
public sealed class AdminOrganizationsTests(ProfileUiServices portal) : AdminQuotaTestContext(portal), IClassFixture<ProfileUiServices>
{
    // MudBlazor puts the test id on the input or on the component's root, depending on the component.
    private const string SearchBox = "input[data-testid=organizations-search], [data-testid=organizations-search] input";
    private const string TargetBox = "input[data-testid=move-target], [data-testid=move-target] input";

    private IRenderedComponent<MudPopoverProvider> _popovers = default!;

    [Fact]
    public async Task Searching_by_name_lists_the_organization_with_its_members_and_links_to_its_page()
    {
        var word = CustomerBuilders.UniqueWord("Ob");
        var owner = await Portal.NamedCustomerAsync(Builders.UniqueEmail(), "Olga", "Owner", null);
        var team = await TeamAsync(owner.Id, word + " Labs");
        var member = await Portal.ConfirmedUserAsync();
        await Portal.JoinAsync(team, member.Id);
        await SignedInAdminAsync();
        Render<MudPopoverProvider>();
        var page = Render<AdminOrganizationsPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(Rows(page)));

        await page.Find(SearchBox).InputAsync(new() { Value = word.ToLowerInvariant() });
        Clock.Advance(TimeSpan.FromMilliseconds(300));

        page.WaitForAssertion(() => Assert.Single(Rows(page)), TimeSpan.FromSeconds(5));
        var row = Rows(page)[0];
        var link = row.QuerySelector("[data-testid=organization-link]")!;
        Assert.Equal((word + " Labs", AdminOrganizationPage.Href(team)), (link.TextContent.Trim(), link.GetAttribute("href")));
        var members = row.QuerySelector("[data-testid=organization-members]")!.TextContent;
        Assert.Contains($"{owner.Email} · Owner", members, StringComparison.Ordinal);
        Assert.Contains($"{member.Email} · Member", members, StringComparison.Ordinal);
        Assert.Contains(Plan.FreeCode, row.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_of_a_free_organization_offers_no_move_and_a_paid_one_moves_from_the_dialog()
    {
        var customer = await Portal.CustomerAsync();
        await Portal.BuyAsync(customer);
        var word = CustomerBuilders.UniqueWord("Mb");
        var team = await TeamAsync(customer.Id, word + " Team");
        await SignedInAdminAsync();
        RenderProviders();
        _popovers = Render<MudPopoverProvider>();
        var free = Render<AdminOrganizationPage>(p => p.Add(c => c.OrganizationId, team));
        free.WaitForAssertion(() => Assert.NotNull(free.Find("[data-testid=customer-organization]")));
        Assert.Empty(free.FindAll("[data-testid=customer-move-subscription]"));
        var page = Render<AdminOrganizationPage>(p => p.Add(c => c.OrganizationId, customer.OrganizationId));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=customer-move-subscription]")));

        var opening = page.Find("[data-testid=customer-move-subscription]").ClickAsync(new());
        await ChooseTargetAsync(word);
        Dialogs.WaitForAssertion(() => Assert.Contains($"→ {word} Team", Dialogs.Find("[data-testid=move-route]").TextContent, StringComparison.Ordinal));
        Assert.NotNull(Dialogs.Find("[data-testid=move-no-card]"));
        await Dialogs.Find("[data-testid=move-confirm]").ClickAsync(new());
        Dialogs.WaitForAssertion(() => Assert.Contains("Say why the subscription is moved.", Dialogs.Markup, StringComparison.Ordinal));
        Assert.Equal("new_quarterly", (await Portal.SubscriptionAsync(customer.OrganizationId)).PlanCode);

        await Dialogs.Find("[data-testid=move-reason]").InputAsync(new() { Value = "Ticket 88" });
        await Dialogs.Find("[data-testid=move-confirm]").ClickAsync(new());
        await opening.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("new_quarterly", (await Portal.SubscriptionAsync(team)).PlanCode);
        page.WaitForAssertion(() => Assert.Equal("Free", page.Find("[data-testid=customer-plan]").TextContent.Trim()));
        Assert.Empty(page.FindAll("[data-testid=customer-move-subscription]"));
    }

    [Fact]
    public async Task A_target_that_cannot_receive_the_subscription_says_why_under_the_field_and_nothing_can_be_confirmed()
    {
        var customer = await Portal.CustomerAsync();
        await Portal.BuyAsync(customer);
        var word = CustomerBuilders.UniqueWord("Nb");
        var paid = await Portal.NamedCustomerAsync(Builders.UniqueEmail(), "Pavel", word + "ov", null);
        await Portal.BuyAsync(new Customer(paid, await Portal.PersonalOrganizationAsync(paid.Id)));
        var admin = await SignedInAdminAsync();
        RenderProviders();
        _popovers = Render<MudPopoverProvider>();

        Task<SubscriptionMoved?> shown = null!;
        await Dialogs.InvokeAsync(() => { shown = SubscriptionMoveDialog.ShowAsync(DialogService, Text, admin.Id, customer.OrganizationId, "Mine", null); });
        await ChooseTargetAsync(word);

        Dialogs.WaitForAssertion(() => Assert.Contains("has a plan of its own", Dialogs.Markup, StringComparison.Ordinal));
        Assert.Empty(Dialogs.FindAll("[data-testid=move-summary]"));
        Assert.True(Dialogs.Find("[data-testid=move-confirm]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task A_signed_in_customer_is_told_access_is_denied_on_both_pages()
    {
        await SignedInCustomerAsync();
        Render<MudPopoverProvider>();

        var list = Render<AdminOrganizationsPage>();
        var details = Render<AdminOrganizationPage>(p => p.Add(c => c.OrganizationId, Guid.NewGuid()));

        list.WaitForAssertion(() => Assert.NotNull(list.Find("[data-testid=access-denied]")));
        details.WaitForAssertion(() => Assert.NotNull(details.Find("[data-testid=access-denied]")));
    }

    /// <summary>Types into the dialog's target box, lets the debounce pass and picks the only suggestion.</summary>
    private async Task ChooseTargetAsync(string text)
    {
        Dialogs.WaitForAssertion(() => Assert.NotNull(Dialogs.Find(TargetBox)));
        await Dialogs.Find(TargetBox).InputAsync(new() { Value = text });
        Clock.Advance(TimeSpan.FromMilliseconds(300));
        _popovers.WaitForAssertion(() => Assert.Single(_popovers.FindAll(".mud-popover-open .mud-list-item")), TimeSpan.FromSeconds(5));
        await _popovers.Find(".mud-popover-open .mud-list-item").ClickAsync(new());
    }

    private async Task<Guid> TeamAsync(Guid ownerId, string name)
    {
        var created = await Portal.Get<OrganizationService>().CreateAsync(ownerId, name);
        Assert.True(created.Succeeded);
        return created.Value;
    }

    private static List<AngleSharp.Dom.IElement> Rows(IRenderedComponent<AdminOrganizationsPage> page) =>
        [.. page.FindAll("[data-testid=organizations-grid] tbody tr").Where(r => r.QuerySelector("[data-testid=organization-link]") is not null)];
}
