using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using ProfilePortal.Domain.Audit;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Organizations;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Organizations;

/// <summary>An organization with one member of each role, made through the real services.</summary>
public sealed record MembersTeam(Guid OrganizationId, Guid OwnerId, Guid AdminId, Guid MemberId)
{
    public static async Task<MembersTeam> CreateAsync(PortalServices portal)
    {
        var owner = await portal.ConfirmedUserAsync(Builders.UniqueEmail("owner"));
        var admin = await portal.ConfirmedUserAsync(Builders.UniqueEmail("admin"));
        var member = await portal.ConfirmedUserAsync(Builders.UniqueEmail("member"));
        var organizationId = await portal.PersonalOrganizationAsync(owner.Id);
        await portal.JoinAsync(organizationId, admin.Id, OrganizationRole.Admin);
        await portal.JoinAsync(organizationId, member.Id, OrganizationRole.Member);
        return new MembersTeam(organizationId, owner.Id, admin.Id, member.Id);
    }
}

/// <summary>Reads what the members services stored: roles, invitations, audit entries, the link in the email.</summary>
public static partial class MembersStore
{
    public static async Task<Dictionary<Guid, OrganizationRole>> RolesAsync(this PortalServices portal, Guid organizationId)
    {
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        return await db.Memberships.AsNoTracking().Where(m => m.OrganizationId == organizationId).ToDictionaryAsync(m => m.UserId, m => m.Role);
    }

    public static async Task<List<AuditEntry>> AuditAsync(this PortalServices portal, Guid organizationId, string action)
    {
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        return await db.AuditEntries.AsNoTracking().Where(a => a.OrganizationId == organizationId && a.Action == action).ToListAsync();
    }

    public static async Task<List<Invitation>> InvitationsAsync(this PortalServices portal, Guid organizationId)
    {
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        return await db.Invitations.AsNoTracking().Where(i => i.OrganizationId == organizationId).ToListAsync();
    }

    /// <summary>The token in the link of the invitation email queued for <paramref name="email"/> (the last one).</summary>
    public static async Task<string> InvitationTokenAsync(this PortalServices portal, string email)
    {
        var message = (await portal.OutboxAsync()).Where(m => m.ToAddress == email && m.Kind == InvitationModel.Kind).OrderBy(m => m.CreatedAt).Last();
        return LinkToken().Match(message.TextBody).Groups[1].Value;
    }

    [GeneratedRegex("/invitations/([A-Za-z0-9_-]+)")]
    private static partial Regex LinkToken();
}
