using Microsoft.EntityFrameworkCore;
using ProfilePortal.Domain.Common;

namespace ProfilePortal.Domain.Organizations;

/// <summary>A user's membership as the pages see it.</summary>
public sealed record MembershipSummary(Guid OrganizationId, string OrganizationName, OrganizationRole Role, bool IsPersonal);

/// <summary>
/// Who is signed in and in which organization they act: the pages' starting point. The current organization is
/// the one the user switched to (<paramref name="CurrentOrganizationId"/>) while they are still a member of it,
/// else the personal one, else the first of <see cref="Memberships"/> (owned before administered before joined).
/// </summary>
public sealed record Workspace(
    Guid UserId, string Email, string? TimeZone, string Language, IReadOnlyList<MembershipSummary> Memberships, Guid? CurrentOrganizationId = null)
{
    public MembershipSummary Current => Pick(Memberships, CurrentOrganizationId);

    /// <summary>The current organization among <paramref name="memberships"/> (not empty) for the stored choice.</summary>
    public static MembershipSummary Pick(IReadOnlyList<MembershipSummary> memberships, Guid? chosen) =>
        memberships.FirstOrDefault(m => m.OrganizationId == chosen)
        ?? memberships.FirstOrDefault(m => m.IsPersonal)
        ?? memberships[0];

    public bool CanManageBilling => Current.Role is OrganizationRole.Owner or OrganizationRole.Admin;
}

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
            .Where(m => m.UserId == userId && m.Organization!.DeletedAt == null)
            .OrderBy(m => m.Role == OrganizationRole.Owner ? 0 : m.Role == OrganizationRole.Admin ? 1 : 2) // stored as text: order by meaning
            .ThenBy(m => m.JoinedAt)
            .Select(m => new MembershipSummary(m.OrganizationId, m.Organization!.Name, m.Role, m.Organization.IsPersonal))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The user's workspace, or null when the user is gone or belongs to no organization.</summary>
    public async Task<Workspace?> GetWorkspaceAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        var memberships = await GetMembershipsAsync(userId, cancellationToken);
        if (memberships.Count == 0)
        {
            return null;
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new { u.Email, u.TimeZone, u.PreferredLanguage, u.CurrentOrganizationId })
            .FirstOrDefaultAsync(cancellationToken);
        return user is null
            ? null
            : new Workspace(userId, user.Email ?? string.Empty, user.TimeZone, user.PreferredLanguage, memberships, user.CurrentOrganizationId);
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
