using ProfilePortal.Domain.Credentials;
using ProfilePortal.Domain.Organizations;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Credentials;

/// <summary>An organization with an owner, an admin and a member, and a stranger who owns another organization.</summary>
internal sealed record CredentialScenario(Guid OrganizationId, Guid OwnerId, Guid AdminId, Guid MemberId, Guid StrangerId, Guid StrangersOrganizationId)
{
    public static async Task<CredentialScenario> CreateAsync(PortalServices portal)
    {
        var owner = await portal.RegisteredUserAsync();
        var admin = await portal.RegisteredUserAsync();
        var member = await portal.RegisteredUserAsync();
        var stranger = await portal.RegisteredUserAsync();
        var organizationId = await portal.PersonalOrganizationAsync(owner.Id);
        await portal.JoinAsync(organizationId, admin.Id, OrganizationRole.Admin);
        await portal.JoinAsync(organizationId, member.Id, OrganizationRole.Member);
        return new CredentialScenario(organizationId, owner.Id, admin.Id, member.Id, stranger.Id, await portal.PersonalOrganizationAsync(stranger.Id));
    }

    public static CredentialInput Input(string name, string value, string? note = null) => new(name, value, note);
}
