using ProfilePortal.Domain.Organizations;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Organizations;

public sealed class MembersServiceTests(PortalServices portal) : IClassFixture<PortalServices>
{
    private MembersService Members => portal.Get<MembersService>();

    [Fact]
    public async Task Every_member_sees_the_list_owners_first_and_only_managers_see_the_invitations()
    {
        var team = await MembersTeam.CreateAsync(portal);
        await portal.Get<InvitationService>().InviteAsync(team.AdminId, team.OrganizationId, Builders.UniqueEmail(), OrganizationRole.Member);

        var asMember = (await Members.GetAsync(team.MemberId, team.OrganizationId)).Value;
        var asAdmin = (await Members.GetAsync(team.AdminId, team.OrganizationId)).Value;

        Assert.Equal([team.OwnerId, team.AdminId, team.MemberId], asMember.Members.Select(m => m.UserId));
        Assert.Equal([OrganizationRole.Owner, OrganizationRole.Admin, OrganizationRole.Member], asMember.Members.Select(m => m.Role));
        Assert.False(asMember.CanManage);
        Assert.Empty(asMember.Invitations);
        Assert.True(asAdmin.CanManage);
        Assert.Single(asAdmin.Invitations);
    }

    [Fact]
    public async Task A_stranger_sees_nothing_of_another_organization()
    {
        var team = await MembersTeam.CreateAsync(portal);
        var stranger = await portal.ConfirmedUserAsync();

        Assert.Equal("access.forbidden", (await Members.GetAsync(stranger.Id, team.OrganizationId)).Errors.Single().Code);
        Assert.Equal("access.forbidden", (await Members.ChangeRoleAsync(stranger.Id, team.OrganizationId, team.MemberId, OrganizationRole.Admin)).Errors.Single().Code);
        Assert.Equal("access.forbidden", (await Members.RemoveAsync(stranger.Id, team.OrganizationId, team.MemberId)).Errors.Single().Code);
        Assert.Equal("access.forbidden", (await Members.TransferOwnershipAsync(stranger.Id, team.OrganizationId, team.MemberId)).Errors.Single().Code);
        Assert.Equal(OrganizationRole.Member, (await portal.RolesAsync(team.OrganizationId))[team.MemberId]);
    }

    [Fact]
    public async Task The_owner_changes_roles_and_makes_another_owner_audited()
    {
        var team = await MembersTeam.CreateAsync(portal);

        Assert.True((await Members.ChangeRoleAsync(team.OwnerId, team.OrganizationId, team.MemberId, OrganizationRole.Admin)).Succeeded);
        Assert.True((await Members.ChangeRoleAsync(team.OwnerId, team.OrganizationId, team.AdminId, OrganizationRole.Owner)).Succeeded);

        var roles = await portal.RolesAsync(team.OrganizationId);
        Assert.Equal((OrganizationRole.Owner, OrganizationRole.Admin), (roles[team.AdminId], roles[team.MemberId]));
        var audit = await portal.AuditAsync(team.OrganizationId, "member.role_changed");
        Assert.Equal(2, audit.Count);
        Assert.Contains(audit, a => a.TargetId == team.MemberId.ToString() && a.Changes == """{"Role":{"from":"Member","to":"Admin"}}""");
    }

    [Fact]
    public async Task An_admin_changes_members_and_admins_but_never_an_owner_nor_makes_one()
    {
        var team = await MembersTeam.CreateAsync(portal);

        Assert.True((await Members.ChangeRoleAsync(team.AdminId, team.OrganizationId, team.MemberId, OrganizationRole.Admin)).Succeeded);
        Assert.Equal(MembersErrors.OwnersOnly, (await Members.ChangeRoleAsync(team.AdminId, team.OrganizationId, team.MemberId, OrganizationRole.Owner)).Errors.Single());
        Assert.Equal(MembersErrors.OwnersOnly, (await Members.ChangeRoleAsync(team.AdminId, team.OrganizationId, team.OwnerId, OrganizationRole.Member)).Errors.Single());
        Assert.Equal(MembersErrors.OwnersOnly, (await Members.RemoveAsync(team.AdminId, team.OrganizationId, team.OwnerId)).Errors.Single());
        Assert.Equal(MembersErrors.OwnersOnly, (await Members.TransferOwnershipAsync(team.AdminId, team.OrganizationId, team.AdminId)).Errors.Single());

        var roles = await portal.RolesAsync(team.OrganizationId);
        Assert.Equal((OrganizationRole.Owner, OrganizationRole.Admin, OrganizationRole.Admin), (roles[team.OwnerId], roles[team.AdminId], roles[team.MemberId]));
    }

    [Fact]
    public async Task A_member_changes_nothing()
    {
        var team = await MembersTeam.CreateAsync(portal);

        Assert.Equal(MembersErrors.ManagersOnly, (await Members.ChangeRoleAsync(team.MemberId, team.OrganizationId, team.MemberId, OrganizationRole.Admin)).Errors.Single());
        Assert.Equal(MembersErrors.ManagersOnly, (await Members.RemoveAsync(team.MemberId, team.OrganizationId, team.AdminId)).Errors.Single());
        Assert.Equal(MembersErrors.OwnersOnly, (await Members.TransferOwnershipAsync(team.MemberId, team.OrganizationId, team.MemberId)).Errors.Single());
        Assert.Equal(3, (await portal.RolesAsync(team.OrganizationId)).Count);
        Assert.Empty(await portal.AuditAsync(team.OrganizationId, "member.role_changed"));
    }

    [Fact]
    public async Task An_admin_removes_a_member_audited()
    {
        var team = await MembersTeam.CreateAsync(portal);

        Assert.True((await Members.RemoveAsync(team.AdminId, team.OrganizationId, team.MemberId)).Succeeded);

        Assert.DoesNotContain(team.MemberId, (await portal.RolesAsync(team.OrganizationId)).Keys);
        var audit = Assert.Single(await portal.AuditAsync(team.OrganizationId, "member.removed"));
        Assert.Equal((team.AdminId, team.MemberId.ToString()), (audit.ActorUserId, audit.TargetId));
        Assert.Equal(MembersErrors.MemberNotFound, (await Members.RemoveAsync(team.AdminId, team.OrganizationId, team.MemberId)).Errors.Single());
        Assert.Equal("access.forbidden", (await Members.GetAsync(team.MemberId, team.OrganizationId)).Errors.Single().Code);
    }

    [Fact]
    public async Task The_last_owner_can_be_neither_demoted_nor_removed()
    {
        var team = await MembersTeam.CreateAsync(portal);

        Assert.Equal(MembersErrors.LastOwner, (await Members.ChangeRoleAsync(team.OwnerId, team.OrganizationId, team.OwnerId, OrganizationRole.Admin)).Errors.Single());
        Assert.Equal(MembersErrors.LastOwner, (await Members.RemoveAsync(team.OwnerId, team.OrganizationId, team.OwnerId)).Errors.Single());
        Assert.Equal(OrganizationRole.Owner, (await portal.RolesAsync(team.OrganizationId))[team.OwnerId]);

        // With a second owner, the first may step down.
        Assert.True((await Members.ChangeRoleAsync(team.OwnerId, team.OrganizationId, team.AdminId, OrganizationRole.Owner)).Succeeded);
        Assert.True((await Members.ChangeRoleAsync(team.OwnerId, team.OrganizationId, team.OwnerId, OrganizationRole.Member)).Succeeded);
        Assert.Equal(MembersErrors.LastOwner, (await Members.RemoveAsync(team.AdminId, team.OrganizationId, team.AdminId)).Errors.Single());
    }

    [Fact]
    public async Task Transferring_ownership_makes_the_member_owner_and_the_owner_admin_in_one_audited_step()
    {
        var team = await MembersTeam.CreateAsync(portal);

        Assert.True((await Members.TransferOwnershipAsync(team.OwnerId, team.OrganizationId, team.MemberId)).Succeeded);

        var roles = await portal.RolesAsync(team.OrganizationId);
        Assert.Equal((OrganizationRole.Admin, OrganizationRole.Owner), (roles[team.OwnerId], roles[team.MemberId]));
        var audit = Assert.Single(await portal.AuditAsync(team.OrganizationId, "organization.ownership_transferred"));
        Assert.Equal(team.OwnerId, audit.ActorUserId);
        // The former owner is an admin now and cannot take it back.
        Assert.Equal(MembersErrors.OwnersOnly, (await Members.TransferOwnershipAsync(team.OwnerId, team.OrganizationId, team.OwnerId)).Errors.Single());
    }

    [Fact]
    public async Task Ownership_goes_only_to_another_member()
    {
        var team = await MembersTeam.CreateAsync(portal);
        var stranger = await portal.ConfirmedUserAsync();

        Assert.Equal(MembersErrors.TransferToSelf, (await Members.TransferOwnershipAsync(team.OwnerId, team.OrganizationId, team.OwnerId)).Errors.Single());
        Assert.Equal(MembersErrors.MemberNotFound, (await Members.TransferOwnershipAsync(team.OwnerId, team.OrganizationId, stranger.Id)).Errors.Single());
        Assert.Equal(OrganizationRole.Owner, (await portal.RolesAsync(team.OrganizationId))[team.OwnerId]);
    }
}

public sealed class MembersInvitationLifetimeTests(MembersInvitationLifetimeTests.ShortLinks portal) : IClassFixture<MembersInvitationLifetimeTests.ShortLinks>
{
    [Fact]
    public async Task The_lifetime_is_configurable()
    {
        var team = await MembersTeam.CreateAsync(portal);

        await portal.Get<InvitationService>().InviteAsync(team.OwnerId, team.OrganizationId, Builders.UniqueEmail(), OrganizationRole.Member);

        Assert.Equal(portal.Clock.GetUtcNow().AddDays(2), Assert.Single(await portal.InvitationsAsync(team.OrganizationId)).ExpiresAt);
    }

    public sealed class ShortLinks : PortalServices
    {
        protected override IReadOnlyDictionary<string, string?> Settings { get; } =
            new Dictionary<string, string?> { ["Invitations:LifetimeDays"] = "2" };
    }
}
