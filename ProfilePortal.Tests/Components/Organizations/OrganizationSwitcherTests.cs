using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;
using ProfilePortal.Components.Organizations;
using ProfilePortal.Domain.Organizations;
using ProfilePortal.Tests.Components.Profile;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Components.Organizations;

public sealed class OrganizationSwitcherTests(ProfileUiServices portal) : ProfileComponentTestContext(portal), IClassFixture<ProfileUiServices>
{
    [Fact]
    public async Task The_app_bar_shows_the_current_organization_and_switches_to_another_with_a_full_reload()
    {
        var user = await SignedInCustomerAsync();
        var service = Portal.Get<OrganizationService>();
        await service.CreateAsync(user.Id, "Team");
        var personal = await Portal.PersonalOrganizationAsync(user.Id);
        var popovers = Render<MudPopoverProvider>();

        var switcher = Render<OrganizationSwitcher>();

        switcher.WaitForAssertion(() => Assert.Equal("Team", switcher.Find("[data-testid=org-switcher] button").TextContent.Trim()));
        await switcher.Find("[data-testid=org-switcher] button").ClickAsync(new());
        popovers.WaitForAssertion(() => Assert.Equal(2, popovers.FindAll("[data-testid=org-switcher-item]").Count));
        var other = popovers.FindAll("[data-testid=org-switcher-item]").Single(i => i.TextContent.Trim() != "Team");
        await other.ClickAsync(new());

        switcher.WaitForAssertion(() => Assert.True(Navigation.History.First().Options.ForceLoad));
        Assert.Equal(personal, (await Portal.Get<OrganizationAccess>().GetWorkspaceAsync(user.Id))!.Current.OrganizationId);
    }

    [Fact]
    public async Task On_a_static_page_the_switcher_is_a_native_dropdown_posting_a_form()
    {
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));
        var user = await SignedInCustomerAsync();
        var team = await Portal.Get<OrganizationService>().CreateAsync(user.Id, "Team");
        var personal = await Portal.PersonalOrganizationAsync(user.Id);

        var switcher = Render<OrganizationSwitcher>();

        switcher.WaitForAssertion(() => Assert.NotEmpty(switcher.FindAll("details[data-testid=org-switcher]")));
        var summary = switcher.Find("details[data-testid=org-switcher] > summary");
        Assert.Equal("Team", summary.TextContent.Trim());
        Assert.Equal("Team, current organization", summary.GetAttribute("aria-label"));
        var form = switcher.Find("form[method=post]");
        Assert.NotNull(form.QuerySelector("input[name=__RequestVerificationToken]"));
        var items = switcher.FindAll("[data-testid=org-switcher-item]");
        Assert.Equal(2, items.Count);
        var current = items.Single(i => i.HasAttribute("disabled"));
        Assert.Equal("Team", current.TextContent.Trim());
        Assert.Equal("true", current.GetAttribute("aria-current"));
        var other = items.Single(i => !i.HasAttribute("disabled"));
        Assert.Equal("submit", other.GetAttribute("type"));
        Assert.Equal(OrganizationSwitcher.FieldName, other.GetAttribute("name"));
        Assert.Equal(personal.ToString(), other.GetAttribute("value"));
        Assert.NotEqual(Guid.Empty, team.Value);
        Assert.Empty(switcher.FindComponents<MudMenu>());
    }

    [Fact]
    public async Task During_the_prerender_of_an_interactive_page_the_switcher_waits_for_the_circuit()
    {
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));
        var user = await SignedInCustomerAsync();
        await Portal.Get<OrganizationService>().CreateAsync(user.Id, "Team");

        var switcher = Render<OrganizationSwitcher>(p => p.SetAssignedRenderMode(RenderMode.InteractiveServer));

        Assert.Empty(switcher.FindAll("[data-testid=org-switcher]"));
    }
}
