using Microsoft.EntityFrameworkCore;
using ProfilePortal.Domain.Audit;
using ProfilePortal.Domain.Common;

namespace ProfilePortal.Domain.Organizations;

/// <summary>
/// The members of an organization: who they are, changing a role, removing a member, transferring ownership. Every
/// method takes the acting user and checks their membership and role first, so a guessed organization id from another
/// tenant finds nothing. Owners and admins manage; an admin never touches an owner nor makes one; only an owner
/// transfers ownership; the last owner can be neither demoted nor removed. Every change is audited in its own save.
/// </summary>
public sealed class MembersService(IPortalDbContextFactory dbFactory, TimeProvider clock)
{
    /// <summary>The members page's data, or forbidden when the user is not a member.</summary>
    public async Task<Result<MembersView>> GetAsync(Guid userId, Guid organizationId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var viewer = await RoleAsync(db, userId, organizationId, cancellationToken);
        if (viewer is not { } role)
        {
            return Error.Forbidden();
        }

        var name = await db.Organizations.AsNoTracking().Where(o => o.Id == organizationId).Select(o => o.Name).FirstAsync(cancellationToken);
        var members = (await db.Memberships.AsNoTracking()
                .Where(m => m.OrganizationId == organizationId)
                .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m.UserId, u.Email, u.FirstName, u.LastName, m.Role, m.JoinedAt })
                .ToListAsync(cancellationToken))
            .Select(m => new MemberRow(m.UserId, m.Email ?? string.Empty, Identity.PersonName.Display(m.FirstName, m.LastName, m.Email ?? string.Empty), m.Role, m.JoinedAt))
            .OrderBy(m => m.Role)
            .ThenBy(m => m.JoinedAt)
            .ToList();

        IReadOnlyList<PendingInvitation> invitations = [];
        if (role is OrganizationRole.Owner or OrganizationRole.Admin)
        {
            var now = clock.GetUtcNow();
            var rows = await db.Invitations.AsNoTracking()
                .Where(i => i.OrganizationId == organizationId && i.AcceptedAt == null && i.RevokedAt == null)
                .Join(db.Users, i => i.InvitedByUserId, u => u.Id, (i, u) => new { Invitation = i, u.Email, u.FirstName, u.LastName })
                .ToListAsync(cancellationToken);
            invitations = rows
                .Where(r => r.Invitation.StatusAt(now) == InvitationStatus.Pending)
                .OrderBy(r => r.Invitation.CreatedAt)
                .Select(r => new PendingInvitation(
                    r.Invitation.Id, r.Invitation.Email, r.Invitation.Role, Identity.PersonName.Display(r.FirstName, r.LastName, r.Email ?? string.Empty),
                    r.Invitation.CreatedAt, r.Invitation.ExpiresAt))
                .ToList();
        }

        return new MembersView(organizationId, name, userId, role, members, invitations);
    }

    /// <summary>Gives <paramref name="memberId"/> another role.</summary>
    public async Task<Result> ChangeRoleAsync(Guid userId, Guid organizationId, Guid memberId, OrganizationRole role, CancellationToken cancellationToken = default)
    {
        if (!Enum.IsDefined(role))
        {
            return MembersErrors.InvalidRole;
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var (actor, member, refused) = await ManagedMemberAsync(db, userId, organizationId, memberId, cancellationToken);
        if (member is null)
        {
            return refused!;
        }

        if (actor != OrganizationRole.Owner && (member.Role == OrganizationRole.Owner || role == OrganizationRole.Owner))
        {
            return MembersErrors.OwnersOnly;
        }

        if (member.Role == role)
        {
            return Result.Success();
        }

        if (member.Role == OrganizationRole.Owner && await OwnerStepsDownAsync(db, organizationId, cancellationToken) is { } lastOwner)
        {
            return lastOwner;
        }

        if (role == OrganizationRole.Owner)
        {
            await OwnersChangeAsync(db, organizationId, cancellationToken);
        }

        var before = member.Role;
        member.ChangeRole(role);
        Audit(db, userId, "member.role_changed", organizationId, memberId, [new("Role", before.ToString(), role.ToString())]);
        return await SaveAsync(db, cancellationToken);
    }

    /// <summary>Removes <paramref name="memberId"/> from the organization (an owner or admin may remove themselves too).</summary>
    public async Task<Result> RemoveAsync(Guid userId, Guid organizationId, Guid memberId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var (actor, member, refused) = await ManagedMemberAsync(db, userId, organizationId, memberId, cancellationToken);
        if (member is null)
        {
            return refused!;
        }

        if (member.Role == OrganizationRole.Owner && actor != OrganizationRole.Owner)
        {
            return MembersErrors.OwnersOnly;
        }

        if (member.Role == OrganizationRole.Owner && await OwnerStepsDownAsync(db, organizationId, cancellationToken) is { } lastOwner)
        {
            return lastOwner;
        }

        db.Memberships.Remove(member);
        Audit(db, userId, "member.removed", organizationId, memberId, [new("Role", member.Role.ToString(), null)]);
        return await SaveAsync(db, cancellationToken);
    }

    /// <summary>
    /// Makes <paramref name="newOwnerId"/> (a member) an owner and the acting owner an admin, in one save: the
    /// organization is never without an owner.
    /// </summary>
    public async Task<Result> TransferOwnershipAsync(Guid userId, Guid organizationId, Guid newOwnerId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var actor = await RoleAsync(db, userId, organizationId, cancellationToken);
        if (actor is null)
        {
            return Error.Forbidden();
        }

        if (actor != OrganizationRole.Owner)
        {
            return MembersErrors.OwnersOnly;
        }

        if (newOwnerId == userId)
        {
            return MembersErrors.TransferToSelf;
        }

        var memberships = await db.Memberships
            .Where(m => m.OrganizationId == organizationId && (m.UserId == userId || m.UserId == newOwnerId))
            .ToListAsync(cancellationToken);
        var target = memberships.FirstOrDefault(m => m.UserId == newOwnerId);
        if (target is null)
        {
            return MembersErrors.MemberNotFound;
        }

        var self = memberships.Single(m => m.UserId == userId);
        await OwnersChangeAsync(db, organizationId, cancellationToken);
        var targetBefore = target.Role;
        target.ChangeRole(OrganizationRole.Owner);
        self.ChangeRole(OrganizationRole.Admin);
        Audit(db, userId, "organization.ownership_transferred", organizationId, newOwnerId, [
            new("Owner", userId.ToString(), newOwnerId.ToString()),
            new("NewOwnerRole", targetBefore.ToString(), OrganizationRole.Owner.ToString()),
            new("PreviousOwnerRole", OrganizationRole.Owner.ToString(), OrganizationRole.Admin.ToString()),
        ]);
        return await SaveAsync(db, cancellationToken);
    }

    /// <summary>The user's role in the organization, or null when they are no member.</summary>
    internal static Task<OrganizationRole?> RoleAsync(IPortalDbContext db, Guid userId, Guid organizationId, CancellationToken cancellationToken) =>
        db.Memberships.AsNoTracking()
            .Where(m => m.UserId == userId && m.OrganizationId == organizationId)
            .Select(m => (OrganizationRole?)m.Role)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>Null when <paramref name="role"/> may manage members; forbidden for a stranger, "managers only" for a member.</summary>
    internal static Error? RequireManager(OrganizationRole? role) => role switch
    {
        null => Error.Forbidden(),
        OrganizationRole.Owner or OrganizationRole.Admin => null,
        _ => MembersErrors.ManagersOnly,
    };

    /// <summary>
    /// The acting user's role and the member they act on, tracked; or why not: forbidden for a stranger, "managers
    /// only" for a Member, not found for someone outside the organization.
    /// </summary>
    private static async Task<(OrganizationRole? Actor, Membership? Member, Error? Refused)> ManagedMemberAsync(
        IPortalDbContext db, Guid userId, Guid organizationId, Guid memberId, CancellationToken cancellationToken)
    {
        var actor = await RoleAsync(db, userId, organizationId, cancellationToken);
        if (RequireManager(actor) is { } denied)
        {
            return (actor, null, denied);
        }

        var member = await db.Memberships.FirstOrDefaultAsync(m => m.OrganizationId == organizationId && m.UserId == memberId, cancellationToken);
        return member is null ? (actor, null, MembersErrors.MemberNotFound) : (actor, member, null);
    }

    /// <summary>An Owner is demoted or removed: refused when no other Owner remains, else the owners stamp changes.</summary>
    private static async Task<Error?> OwnerStepsDownAsync(IPortalDbContext db, Guid organizationId, CancellationToken cancellationToken)
    {
        if (await OwnerCountAsync(db, organizationId, cancellationToken) <= 1)
        {
            return MembersErrors.LastOwner;
        }

        await OwnersChangeAsync(db, organizationId, cancellationToken);
        return null;
    }

    // The organization's owners stamp changes in the same save, so a parallel change of the Owners conflicts.
    private static async Task OwnersChangeAsync(IPortalDbContext db, Guid organizationId, CancellationToken cancellationToken) =>
        (await db.Organizations.FirstAsync(o => o.Id == organizationId, cancellationToken)).OwnersChanged();

    private static Task<int> OwnerCountAsync(IPortalDbContext db, Guid organizationId, CancellationToken cancellationToken) =>
        db.Memberships.CountAsync(m => m.OrganizationId == organizationId && m.Role == OrganizationRole.Owner, cancellationToken);

    private void Audit(IPortalDbContext db, Guid actorId, string action, Guid organizationId, Guid memberId, IEnumerable<FieldChange> changes) =>
        db.AuditEntries.Add(AuditEntry.Record(actorId, action, "membership", memberId.ToString(), organizationId, FieldChange.Describe(changes), clock.GetUtcNow()));

    // A member removed or changed by someone else meanwhile makes the save touch no row.
    private static async Task<Result> SaveAsync(IPortalDbContext db, CancellationToken cancellationToken) =>
        await db.SaveOrConflictAsync(MembersErrors.Changed, cancellationToken) is { } changed ? changed : Result.Success();
}
