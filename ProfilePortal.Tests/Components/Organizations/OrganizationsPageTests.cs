using AngleSharp.Dom;
using Bunit;
using MudBlazor;
using ProfilePortal.Components.Organizations;
using ProfilePortal.Domain.Organizations;
using ProfilePortal.Tests.Components.Profile;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Components.Organizations;

public sealed class OrganizationsPageTests(ProfileUiServices portal) : ProfileComponentTestContext(portal), IClassFixture<ProfileUiServices>
{
    private IRenderedComponent<MudDialogProvider> _dialogs = default!;
    private IRenderedComponent<MudSnackbarProvider> _snackbars = default!;

    private OrganizationService Service => Portal.Get<OrganizationService>();

    [Fact]
    public async Task The_list_shows_each_organization_with_the_role_the_current_marker_and_only_the_allowed_actions()
    {
        var user = await SignedInCustomerAsync();
        var team = (await Service.CreateAsync(user.Id, "Team")).Value;
        var other = await Portal.ConfirmedUserAsync();
        var joined = (await Service.CreateAsync(other.Id, "Joined")).Value;
        await Portal.JoinAsync(joined, user.Id);

        var page = RenderPageLoaded();

        var personal = RowOf(page, await Portal.PersonalOrganizationAsync(user.Id));
        Assert.Equal("Owner", Cell(personal, "organizations-role"));
        Assert.NotNull(personal.QuerySelector("[data-testid=organizations-personal]"));
        Assert.Null(personal.QuerySelector("[data-testid=organizations-leave]"));
        Assert.Null(personal.QuerySelector("[data-testid=organizations-delete]"));
        var current = RowOf(page, team);
        Assert.NotNull(current.QuerySelector("[data-testid=organizations-current]"));
        Assert.Null(current.QuerySelector("[data-testid=organizations-switch]"));
        Assert.NotNull(current.QuerySelector("[data-testid=organizations-delete]"));
        var member = RowOf(page, joined);
        Assert.Equal("Member", Cell(member, "organizations-role"));
        Assert.Equal("2", Cell(member, "organizations-members"));
        Assert.Null(member.QuerySelector("[data-testid=organizations-rename]"));
        Assert.Null(member.QuerySelector("[data-testid=organizations-delete]"));
        Assert.NotNull(member.QuerySelector("[data-testid=organizations-leave]"));
        Assert.Single(page.FindAll("[data-testid=organizations-current]"));
    }

    [Fact]
    public async Task Switch_makes_the_organization_current_and_reloads_the_portal()
    {
        var user = await SignedInCustomerAsync();
        var personal = await Portal.PersonalOrganizationAsync(user.Id);
        await Service.CreateAsync(user.Id, "Team");
        var page = RenderPageLoaded();

        await RowOf(page, personal).QuerySelector("[data-testid=organizations-switch]")!.ClickAsync(new());

        page.WaitForAssertion(() => Assert.True(Navigation.History.First().Options.ForceLoad));
        Assert.Equal(personal, (await Portal.Get<OrganizationAccess>().GetWorkspaceAsync(user.Id))!.Current.OrganizationId);
    }

    [Fact]
    public async Task Create_names_a_new_organization_that_becomes_current()
    {
        var user = await SignedInCustomerAsync();
        var page = RenderPageLoaded();

        var click = page.Find("[data-testid=organizations-create]").ClickAsync(new());
        _dialogs.WaitForAssertion(() => _dialogs.Find("[data-testid=organization-name]"));
        await _dialogs.Find("[data-testid=organization-name]").InputAsync(new() { Value = "Research" });
        await _dialogs.Find("[data-testid=organization-name-save]").ClickAsync(new());
        await click;

        page.WaitForAssertion(() => Assert.True(Navigation.History.First().Options.ForceLoad));
        var current = (await Portal.Get<OrganizationAccess>().GetWorkspaceAsync(user.Id))!.Current;
        Assert.Equal(("Research", OrganizationRole.Owner), (current.OrganizationName, current.Role));
    }

    [Fact]
    public async Task Create_with_an_empty_name_shows_the_error_on_the_field_and_creates_nothing()
    {
        var user = await SignedInCustomerAsync();
        var page = RenderPageLoaded();

        _ = page.Find("[data-testid=organizations-create]").ClickAsync(new()); // stays open: the dialog refuses the name
        _dialogs.WaitForAssertion(() => _dialogs.Find("[data-testid=organization-name-save]"));
        await _dialogs.Find("[data-testid=organization-name-save]").ClickAsync(new());

        _dialogs.WaitForAssertion(() => Assert.Contains("Enter a name.", _dialogs.Markup, StringComparison.Ordinal));
        Assert.Single(await Service.ListAsync(user.Id));
        Assert.Empty(Navigation.History);
    }

    [Fact]
    public async Task Rename_of_another_organization_shows_the_new_name()
    {
        var user = await SignedInCustomerAsync();
        var team = (await Service.CreateAsync(user.Id, "Team")).Value;
        await Service.SwitchAsync(user.Id, await Portal.PersonalOrganizationAsync(user.Id));
        var page = RenderPageLoaded();

        var click = RowOf(page, team).QuerySelector("[data-testid=organizations-rename]")!.ClickAsync(new());
        _dialogs.WaitForAssertion(() => _dialogs.Find("[data-testid=organization-name]"));
        await _dialogs.Find("[data-testid=organization-name]").InputAsync(new() { Value = "Platform team" });
        await _dialogs.Find("[data-testid=organization-name-save]").ClickAsync(new());
        await click;

        page.WaitForAssertion(() => Assert.Equal("Platform team", Cell(RowOf(page, team), "organizations-name")));
        _snackbars.WaitForAssertion(() => Assert.Contains("The organization was renamed.", _snackbars.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Leaving_as_the_last_Owner_is_refused_with_a_clear_message()
    {
        var user = await SignedInCustomerAsync();
        var team = (await Service.CreateAsync(user.Id, "Team")).Value;
        var page = RenderPageLoaded();

        var click = RowOf(page, team).QuerySelector("[data-testid=organizations-leave]")!.ClickAsync(new());
        await ConfirmAsync("Leave");
        await click;

        _snackbars.WaitForAssertion(() => Assert.Contains("transfer ownership to another member first", _snackbars.Markup, StringComparison.Ordinal));
        Assert.Contains(await Service.ListAsync(user.Id), o => o.Id == team);
        Assert.Empty(Navigation.History);
    }

    [Fact]
    public async Task Delete_after_confirmation_removes_the_organization_from_the_list()
    {
        var user = await SignedInCustomerAsync();
        var team = (await Service.CreateAsync(user.Id, "Team")).Value;
        await Service.SwitchAsync(user.Id, await Portal.PersonalOrganizationAsync(user.Id));
        var page = RenderPageLoaded();

        var click = RowOf(page, team).QuerySelector("[data-testid=organizations-delete]")!.ClickAsync(new());
        _dialogs.WaitForAssertion(() => Assert.Contains("Delete Team?", _dialogs.Markup, StringComparison.Ordinal));
        await ConfirmAsync("Delete");
        await click;

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=organizations-row]")));
        _snackbars.WaitForAssertion(() => Assert.Contains("Team was deleted.", _snackbars.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cancelling_the_confirmation_changes_nothing()
    {
        var user = await SignedInCustomerAsync();
        var team = (await Service.CreateAsync(user.Id, "Team")).Value;
        var page = RenderPageLoaded();

        var click = RowOf(page, team).QuerySelector("[data-testid=organizations-delete]")!.ClickAsync(new());
        await ConfirmAsync("Cancel");
        await click;

        Assert.Equal(2, (await Service.ListAsync(user.Id)).Count);
        Assert.Empty(Navigation.History);
    }

    [Fact]
    public async Task The_page_is_in_russian_for_a_russian_customer()
    {
        UseCulture("ru");
        await SignedInCustomerAsync("ru");

        var page = RenderPageLoaded();

        Assert.Equal("Организации", page.Find("[data-testid=page-title]").TextContent.Trim());
        Assert.Equal("Владелец", Cell(page.Find("[data-testid=organizations-table] tbody tr"), "organizations-role"));
        Assert.Equal("Создать организацию", page.Find("[data-testid=organizations-create]").TextContent.Trim());
    }

    private IRenderedComponent<OrganizationsPage> RenderPageLoaded()
    {
        _dialogs = Render<MudDialogProvider>();
        _snackbars = Render<MudSnackbarProvider>();
        var page = Render<OrganizationsPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=organizations-row]")));
        return page;
    }

    private async Task ConfirmAsync(string button)
    {
        _dialogs.WaitForAssertion(() => Assert.Contains(_dialogs.FindAll("button"), b => b.TextContent.Trim() == button));
        await _dialogs.FindAll("button").Single(b => b.TextContent.Trim() == button).ClickAsync(new());
    }

    private static IElement RowOf(IRenderedComponent<OrganizationsPage> page, Guid organizationId) =>
        page.Find($"[data-organization='{organizationId}']").ParentElement!;

    private static string Cell(IElement row, string testId) => row.QuerySelector($"[data-testid={testId}]")!.TextContent.Trim();
}
