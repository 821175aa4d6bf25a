using ProfilePortal.Domain.Organizations;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Organizations;

/// <summary>
/// Two Owners who each read "another Owner remains" and then both give up ownership must not leave the organization
/// without one: the second save conflicts. Each case forces the interleaving: the other change completes between the
/// first one's read and its save.
/// </summary>
public sealed class LastOwnerRaceTests(InterleavedPortalServices portal) : IClassFixture<InterleavedPortalServices>
{
    private MembersService Members => portal.Get<MembersService>();

    [Fact]
    public async Task Two_owners_demoting_each_other_at_once_leave_one_owner()
    {
        var (organizationId, first, second) = await TwoOwnersAsync();
        portal.Interleaving.BeforeNextSave(async () =>
            Assert.True((await Members.ChangeRoleAsync(second, organizationId, first, OrganizationRole.Admin)).Succeeded));

        var late = await Members.ChangeRoleAsync(first, organizationId, second, OrganizationRole.Admin);

        Assert.Equal(MembersErrors.Changed, late.Errors.Single());
        Assert.Equal(OrganizationRole.Owner, (await portal.RolesAsync(organizationId))[second]);
    }

    [Fact]
    public async Task Two_owners_removing_each_other_at_once_leave_one_owner()
    {
        var (organizationId, first, second) = await TwoOwnersAsync();
        portal.Interleaving.BeforeNextSave(async () =>
            Assert.True((await Members.RemoveAsync(second, organizationId, first)).Succeeded));

        var late = await Members.RemoveAsync(first, organizationId, second);

        Assert.Equal(MembersErrors.Changed, late.Errors.Single());
        Assert.Equal([(second, OrganizationRole.Owner)], (await portal.RolesAsync(organizationId)).Select(r => (r.Key, r.Value)));
    }

    [Fact]
    public async Task Two_owners_leaving_at_once_leave_one_owner()
    {
        var (organizationId, first, second) = await TwoOwnersAsync();
        var organizations = portal.Get<OrganizationService>();
        portal.Interleaving.BeforeNextSave(async () => Assert.True((await organizations.LeaveAsync(second, organizationId)).Succeeded));

        var late = await organizations.LeaveAsync(first, organizationId);

        Assert.Equal(OrganizationService.OwnersChanged, late.Errors.Single());
        Assert.Equal([(first, OrganizationRole.Owner)], (await portal.RolesAsync(organizationId)).Select(r => (r.Key, r.Value)));
    }

    [Fact]
    public async Task Changes_that_keep_the_owners_are_not_held_up_by_the_stamp()
    {
        var (organizationId, first, second) = await TwoOwnersAsync();
        var member = await portal.ConfirmedUserAsync();
        await portal.JoinAsync(organizationId, member.Id);
        portal.Interleaving.BeforeNextSave(async () =>
            Assert.True((await Members.ChangeRoleAsync(second, organizationId, first, OrganizationRole.Admin)).Succeeded));

        // A Member's promotion to Admin does not touch the Owners, so the Owners' change meanwhile is no conflict.
        Assert.True((await Members.ChangeRoleAsync(second, organizationId, member.Id, OrganizationRole.Admin)).Succeeded);
        Assert.Equal(OrganizationRole.Admin, (await portal.RolesAsync(organizationId))[member.Id]);
    }

    private async Task<(Guid OrganizationId, Guid First, Guid Second)> TwoOwnersAsync()
    {
        var first = await portal.ConfirmedUserAsync();
        var second = await portal.ConfirmedUserAsync();
        var created = await portal.Get<OrganizationService>().CreateAsync(first.Id, "Two owners");
        await portal.JoinAsync(created.Value, second.Id, OrganizationRole.Owner);
        return (created.Value, first.Id, second.Id);
    }
}
