using Microsoft.EntityFrameworkCore;
using ProfilePortal.Domain.Common;

namespace ProfilePortal.Domain.Organizations;

/// <summary>A user's membership as the pages see it.</summary>
public sealed record MembershipSummary(Guid OrganizationId, string OrganizationName, OrganizationRole Role, bool IsPersonal);

/// <summary>
/// The one place that answers "which organizations may this user see". Services scope every organization
/// query through it, so a guessed id from another tenant finds nothing.
/// </summary>
public sealed class OrganizationAccess(IPortalDbContextFactory dbFactory)
{
    public async Task<IReadOnlyList<MembershipSummary>> GetMembershipsAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        return await db.Memberships.AsNoTracking()
            .Where(m => m.UserId == userId)
            .OrderBy(m => m.Role == OrganizationRole.Owner ? 0 : m.Role == OrganizationRole.Admin ? 1 : 2) // stored as text: order by meaning
            .ThenBy(m => m.JoinedAt)
            .Select(m => new MembershipSummary(m.OrganizationId, m.Organization!.Name, m.Role, m.Organization.IsPersonal))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The member's role, or a forbidden error when the user is not a member.</summary>
    public async Task<Result<OrganizationRole>> RequireMemberAsync(Guid userId, Guid organizationId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var role = await db.Memberships.AsNoTracking()
            .Where(m => m.UserId == userId && m.OrganizationId == organizationId)
            .Select(m => (OrganizationRole?)m.Role)
            .FirstOrDefaultAsync(cancellationToken);
        return role is { } found ? found : Error.Forbidden();
    }
}
