using Bunit;
using ProfilePortal.Components.Organizations;
using ProfilePortal.Domain.Organizations;
using ProfilePortal.Tests.Components.Profile;
using ProfilePortal.Tests.Integration.Organizations;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Components.Organizations;

/// <summary><c>/invitations/{token}</c>: signed out, signed in as the invitee, signed in as someone else.</summary>
public sealed class InvitationPageTests(ProfileUiServices portal) : MembersPageTestContext(portal), IClassFixture<ProfileUiServices>
{
    private async Task<(MembersPageTeam Team, string Email, string Token)> InvitedAsync()
    {
        var team = await TeamAsync();
        var email = Builders.UniqueEmail("invitee");
        Assert.True((await Portal.Get<InvitationService>().InviteAsync(team.Owner.Id, team.OrganizationId, email, OrganizationRole.Admin)).Succeeded);
        return (team, email, await Portal.InvitationTokenAsync(email));
    }

    private IRenderedComponent<InvitationPage> RenderInvitation(string token) =>
        RenderPage<InvitationPage>(p => p.Add(c => c.Token, token), "invitation-loading");

    [Fact]
    public async Task Signed_out_it_shows_who_invites_to_what_and_sign_in_and_sign_up_links_that_come_back()
    {
        var (team, email, token) = await InvitedAsync();

        var page = RenderInvitation(token);

        Assert.Contains($"{team.Owner.Email} invites you to join", page.Find("[data-testid=invitation-text]").TextContent, StringComparison.Ordinal);
        Assert.Contains("as Admin", page.Find("[data-testid=invitation-text]").TextContent, StringComparison.Ordinal);
        Assert.Equal(email, page.Find("[data-testid=invitation-email]").TextContent.Trim());
        var returnUrl = Uri.EscapeDataString("/invitations/" + token);
        Assert.EndsWith($"Account/Login?ReturnUrl={returnUrl}", page.Find("[data-testid=invitation-sign-in]").GetAttribute("href"), StringComparison.Ordinal);
        Assert.EndsWith($"Account/Register?ReturnUrl={returnUrl}", page.Find("[data-testid=invitation-sign-up]").GetAttribute("href"), StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=invitation-accept]"));
    }

    [Fact]
    public async Task The_invitee_accepts_and_lands_on_the_members_page()
    {
        var (team, email, token) = await InvitedAsync();
        var invitee = await Portal.ConfirmedUserAsync(email);
        SignInAs(invitee);
        var page = RenderInvitation(token);

        await page.Find("[data-testid=invitation-accept]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.EndsWith($"/organizations/{team.OrganizationId}/members", Navigation.Uri, StringComparison.Ordinal));
        Assert.Equal(OrganizationRole.Admin, (await Portal.RolesAsync(team.OrganizationId))[invitee.Id]);
    }

    [Fact]
    public async Task Someone_else_signed_in_is_told_it_is_not_theirs_and_gets_no_accept_button()
    {
        var (_, _, token) = await InvitedAsync();
        SignInAs(await Portal.ConfirmedUserAsync());

        var page = RenderInvitation(token);

        Assert.NotNull(page.Find("[data-testid=invitation-wrong-recipient]"));
        Assert.Empty(page.FindAll("[data-testid=invitation-accept]"));
    }

    [Fact]
    public async Task An_expired_or_unknown_link_says_so()
    {
        var (_, _, token) = await InvitedAsync();
        Portal.Clock.Advance(TimeSpan.FromDays(8));

        var expired = RenderInvitation(token);
        Assert.Equal("This invitation has expired. Ask for a new one.", expired.Find("[data-testid=invitation-status]").TextContent.Trim());
        Assert.Empty(expired.FindAll("[data-testid=invitation-sign-in]"));

        var unknown = RenderInvitation("no-such-token");
        Assert.NotNull(unknown.Find("[data-testid=invitation-not-found]"));
    }
}
