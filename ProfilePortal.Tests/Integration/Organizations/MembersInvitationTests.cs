using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Organizations;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Organizations;

public sealed class MembersInvitationTests(PortalServices portal) : IClassFixture<PortalServices>
{
    private InvitationService Invitations => portal.Get<InvitationService>();

    private MembersService Members => portal.Get<MembersService>();

    private async Task<(MembersTeam Team, string Email, string Token)> InvitedAsync(OrganizationRole role = OrganizationRole.Member)
    {
        var team = await MembersTeam.CreateAsync(portal);
        var email = Builders.UniqueEmail("invitee");
        var invited = await Invitations.InviteAsync(team.OwnerId, team.OrganizationId, email, role);
        Assert.True(invited.Succeeded, string.Join("; ", invited.Errors.Select(e => e.Code)));
        return (team, email, await portal.InvitationTokenAsync(email));
    }

    [Fact]
    public async Task An_invitation_queues_an_email_with_a_link_that_expires_in_seven_days_and_stores_only_the_tokens_hash()
    {
        var (team, email, token) = await InvitedAsync(OrganizationRole.Admin);

        var message = (await portal.OutboxAsync()).Single(m => m.ToAddress == email);
        Assert.Equal(InvitationModel.Kind, message.Kind);
        Assert.Contains($"http://localhost:5080/invitations/{token}", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("as an admin", message.TextBody, StringComparison.Ordinal);
        var invitation = Assert.Single(await portal.InvitationsAsync(team.OrganizationId));
        Assert.Equal(portal.Clock.GetUtcNow().AddDays(7), invitation.ExpiresAt);
        Assert.Equal(InvitationTokens.Hash(token), invitation.TokenHash);
        Assert.NotEqual(token, invitation.TokenHash);
        var audit = Assert.Single(await portal.AuditAsync(team.OrganizationId, "invitation.created"));
        Assert.Equal(team.OwnerId, audit.ActorUserId);
        Assert.Contains(email, audit.Changes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_invitee_signs_up_and_accepting_joins_them_with_the_invited_role_once()
    {
        var (team, email, token) = await InvitedAsync(OrganizationRole.Admin);
        var view = await Invitations.GetAsync(token);
        Assert.Equal((InvitationStatus.Pending, email, OrganizationRole.Admin), (view!.Status, view.Email, view.Role));
        var invitee = await portal.ConfirmedUserAsync(email.ToUpperInvariant());

        var accepted = await Invitations.AcceptAsync(invitee.Id, token);

        Assert.Equal(team.OrganizationId, accepted.Value);
        Assert.Equal(OrganizationRole.Admin, (await portal.RolesAsync(team.OrganizationId))[invitee.Id]);
        Assert.Equal(InvitationStatus.Accepted, (await Invitations.GetAsync(token))!.Status);
        Assert.Single(await portal.AuditAsync(team.OrganizationId, "invitation.accepted"));
        Assert.Equal(team.OrganizationId, (await portal.Get<OrganizationAccess>().GetWorkspaceAsync(invitee.Id))!.Current.OrganizationId);

        var again = await Invitations.AcceptAsync(invitee.Id, token);
        Assert.Equal(MembersErrors.InvitationAccepted, again.Errors.Single());
        Assert.Equal(4, (await portal.RolesAsync(team.OrganizationId)).Count);
    }

    [Fact]
    public async Task An_invitation_to_an_organization_deleted_since_is_not_found_and_joins_nobody()
    {
        var owner = await portal.ConfirmedUserAsync();
        var organizations = portal.Get<OrganizationService>();
        var organizationId = (await organizations.CreateAsync(owner.Id, "Short-lived team")).Value;
        var email = Builders.UniqueEmail("invitee");
        Assert.True((await Invitations.InviteAsync(owner.Id, organizationId, email, OrganizationRole.Member)).Succeeded);
        var token = await portal.InvitationTokenAsync(email);
        Assert.True((await organizations.DeleteAsync(owner.Id, organizationId)).Succeeded);
        var invitee = await portal.ConfirmedUserAsync(email);

        var accepted = await Invitations.AcceptAsync(invitee.Id, token);

        Assert.Null(await Invitations.GetAsync(token));
        Assert.Equal(MembersErrors.InvitationNotFound, accepted.Errors.Single());
        Assert.Empty(await portal.RolesAsync(organizationId));
    }

    [Fact]
    public async Task Another_user_cannot_accept_the_invitation()
    {
        var (team, _, token) = await InvitedAsync();
        var stranger = await portal.ConfirmedUserAsync();

        var accepted = await Invitations.AcceptAsync(stranger.Id, token);

        Assert.Equal(MembersErrors.WrongRecipient, accepted.Errors.Single());
        Assert.DoesNotContain(stranger.Id, (await portal.RolesAsync(team.OrganizationId)).Keys);
        Assert.Equal(InvitationStatus.Pending, (await Invitations.GetAsync(token))!.Status);
    }

    [Fact]
    public async Task An_unconfirmed_account_with_the_invited_address_cannot_accept()
    {
        var (_, email, token) = await InvitedAsync();
        var unconfirmed = await portal.RegisteredUserAsync(email);

        Assert.Equal(MembersErrors.WrongRecipient, (await Invitations.AcceptAsync(unconfirmed.Id, token)).Errors.Single());
    }

    [Fact]
    public async Task An_invitation_expires_after_its_lifetime()
    {
        var (team, email, token) = await InvitedAsync();
        var invitee = await portal.ConfirmedUserAsync(email);
        portal.Clock.Advance(TimeSpan.FromDays(7));

        var accepted = await Invitations.AcceptAsync(invitee.Id, token);

        Assert.Equal(MembersErrors.InvitationExpired, accepted.Errors.Single());
        Assert.Equal(InvitationStatus.Expired, (await Invitations.GetAsync(token))!.Status);
        Assert.DoesNotContain(invitee.Id, (await portal.RolesAsync(team.OrganizationId)).Keys);
        Assert.Empty((await Members.GetAsync(team.OwnerId, team.OrganizationId)).Value.Invitations);
        // Once expired the address can be invited again.
        Assert.True((await Invitations.InviteAsync(team.OwnerId, team.OrganizationId, email, OrganizationRole.Member)).Succeeded);
    }

    [Fact]
    public async Task A_revoked_invitation_cannot_be_accepted_nor_revoked_again()
    {
        var (team, email, token) = await InvitedAsync();
        var pending = Assert.Single((await Members.GetAsync(team.AdminId, team.OrganizationId)).Value.Invitations);

        Assert.True((await Invitations.RevokeAsync(team.AdminId, team.OrganizationId, pending.Id)).Succeeded);

        var invitee = await portal.ConfirmedUserAsync(email);
        Assert.Equal(MembersErrors.InvitationRevoked, (await Invitations.AcceptAsync(invitee.Id, token)).Errors.Single());
        Assert.Equal(MembersErrors.InvitationRevoked, (await Invitations.RevokeAsync(team.OwnerId, team.OrganizationId, pending.Id)).Errors.Single());
        Assert.Single(await portal.AuditAsync(team.OrganizationId, "invitation.revoked"));
        Assert.Empty((await Members.GetAsync(team.OwnerId, team.OrganizationId)).Value.Invitations);
    }

    [Fact]
    public async Task A_member_cannot_invite_nor_revoke_and_a_stranger_is_refused_as_forbidden()
    {
        var (team, _, _) = await InvitedAsync();
        var pending = Assert.Single((await Members.GetAsync(team.OwnerId, team.OrganizationId)).Value.Invitations);
        var stranger = await portal.ConfirmedUserAsync();

        Assert.Equal(MembersErrors.ManagersOnly, (await Invitations.InviteAsync(team.MemberId, team.OrganizationId, Builders.UniqueEmail(), OrganizationRole.Member)).Errors.Single());
        Assert.Equal(MembersErrors.ManagersOnly, (await Invitations.RevokeAsync(team.MemberId, team.OrganizationId, pending.Id)).Errors.Single());
        Assert.Equal("access.forbidden", (await Invitations.InviteAsync(stranger.Id, team.OrganizationId, Builders.UniqueEmail(), OrganizationRole.Member)).Errors.Single().Code);
        Assert.Equal("access.forbidden", (await Invitations.RevokeAsync(stranger.Id, team.OrganizationId, pending.Id)).Errors.Single().Code);
        Assert.Empty((await Members.GetAsync(team.MemberId, team.OrganizationId)).Value.Invitations);
        Assert.Single(await portal.InvitationsAsync(team.OrganizationId));
    }

    [Fact]
    public async Task An_invitation_of_another_organization_cannot_be_revoked_through_ones_own()
    {
        var (_, _, _) = await InvitedAsync();
        var other = await MembersTeam.CreateAsync(portal);
        var (team, _, _) = await InvitedAsync();
        var pending = Assert.Single((await Members.GetAsync(team.OwnerId, team.OrganizationId)).Value.Invitations);

        Assert.Equal(MembersErrors.InvitationNotFound, (await Invitations.RevokeAsync(other.OwnerId, other.OrganizationId, pending.Id)).Errors.Single());
        Assert.Null((await portal.InvitationsAsync(team.OrganizationId)).Single().RevokedAt);
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("")]
    [InlineData("a@b")]
    [InlineData("two@@example.com")]
    public async Task An_invalid_address_is_refused_and_nothing_is_queued(string email)
    {
        var team = await MembersTeam.CreateAsync(portal);

        var invited = await Invitations.InviteAsync(team.OwnerId, team.OrganizationId, email, OrganizationRole.Member);

        Assert.Equal(MembersErrors.InvalidEmail, invited.Errors.Single());
        Assert.Empty(await portal.InvitationsAsync(team.OrganizationId));
    }

    [Fact]
    public async Task Inviting_a_member_or_a_pending_address_again_or_as_owner_is_refused()
    {
        var (team, email, _) = await InvitedAsync();
        var memberEmail = (await Members.GetAsync(team.OwnerId, team.OrganizationId)).Value.Members.Single(m => m.UserId == team.MemberId).Email;

        Assert.Equal(MembersErrors.AlreadyMember, (await Invitations.InviteAsync(team.OwnerId, team.OrganizationId, memberEmail.ToUpperInvariant(), OrganizationRole.Member)).Errors.Single());
        Assert.Equal(MembersErrors.AlreadyInvited, (await Invitations.InviteAsync(team.AdminId, team.OrganizationId, " " + email + " ", OrganizationRole.Admin)).Errors.Single());
        Assert.Equal(MembersErrors.InvalidRole, (await Invitations.InviteAsync(team.OwnerId, team.OrganizationId, Builders.UniqueEmail(), OrganizationRole.Owner)).Errors.Single());
        Assert.Single(await portal.InvitationsAsync(team.OrganizationId));
        Assert.Single(await portal.OutboxAsync(), m => m.ToAddress == email);
    }

    [Fact]
    public async Task An_unknown_token_finds_nothing()
    {
        var user = await portal.ConfirmedUserAsync();

        Assert.Null(await Invitations.GetAsync("no-such-token"));
        Assert.Equal(MembersErrors.InvitationNotFound, (await Invitations.AcceptAsync(user.Id, "no-such-token")).Errors.Single());
    }
}
