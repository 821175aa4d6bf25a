using Bunit;
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
}
