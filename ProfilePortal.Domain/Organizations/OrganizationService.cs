using Microsoft.EntityFrameworkCore;
using ProfilePortal.Domain.Audit;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Common;

namespace ProfilePortal.Domain.Organizations;

/// <summary>An organization on the user's organizations page.</summary>
public sealed record OrganizationItem(Guid Id, string Name, OrganizationRole Role, bool IsPersonal, bool IsCurrent, int MemberCount);

/// <summary>
/// The organizations page's use cases: list, switch, create, rename, leave, delete. Every method takes the acting
/// user, acts only on organizations that user belongs to with the role the action needs, and audits each change
/// in the same save. A refusal changes nothing.
/// </summary>
public sealed class OrganizationService(IPortalDbContextFactory dbFactory, TimeProvider clock)
{
    public static Error NotMember { get; } = Error.Forbidden();

    public static Error OwnerOnly { get; } = new("organizations.owner_only", "Only an Owner can do this.");

    public static Error OwnerOrAdminOnly { get; } = new("organizations.admin_only", "Only an Owner or an Admin can do this.");

    public static Error LastOwner { get; } =
        new("organizations.last_owner", "You are the last Owner: transfer ownership to another member first.");

    public static Error OwnersChanged { get; } =
        new("organizations.changed", "The organization's owners changed meanwhile. Reload the page and try again.");

    public static Error Personal { get; } =
        new("organizations.personal", "Your personal organization comes with your account and cannot be left or deleted.");

    public static Error PaidSubscription { get; } =
        new("organizations.paid_subscription", "A paid subscription still runs: cancel it and let it end first.");

    /// <summary>The user's organizations, the current one marked, in the order of <see cref="OrganizationAccess"/>.</summary>
    public async Task<IReadOnlyList<OrganizationItem>> ListAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var rows = await db.Memberships.AsNoTracking()
            .Where(m => m.UserId == userId && m.Organization!.DeletedAt == null)
            .OrderBy(m => m.Role == OrganizationRole.Owner ? 0 : m.Role == OrganizationRole.Admin ? 1 : 2)
            .ThenBy(m => m.JoinedAt)
            .Select(m => new
            {
                Summary = new MembershipSummary(m.OrganizationId, m.Organization!.Name, m.Role, m.Organization.IsPersonal),
                Members = m.Organization.Members.Count,
            })
            .ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return [];
        }

        var chosen = await db.Users.Where(u => u.Id == userId).Select(u => u.CurrentOrganizationId).FirstOrDefaultAsync(cancellationToken);
        var current = Workspace.Pick([.. rows.Select(r => r.Summary)], chosen).OrganizationId;
        return [.. rows.Select(r => new OrganizationItem(
            r.Summary.OrganizationId, r.Summary.OrganizationName, r.Summary.Role, r.Summary.IsPersonal, r.Summary.OrganizationId == current, r.Members))];
    }

    /// <summary>Makes <paramref name="organizationId"/> the one the user acts in: quota, billing and activity follow it.</summary>
    public async Task<Result> SwitchAsync(Guid userId, Guid organizationId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (await FindMembershipAsync(db, userId, organizationId, cancellationToken) is null
            || await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken) is not { } user)
        {
            return NotMember;
        }

        if (user.CurrentOrganizationId == organizationId)
        {
            return Result.Success();
        }

        var before = user.CurrentOrganizationId;
        user.CurrentOrganizationId = organizationId;
        Audit(db, userId, "organization.switched", organizationId, [new FieldChange("CurrentOrganizationId", before?.ToString(), organizationId.ToString())]);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Success();
    }

    /// <summary>A new organization on the Free plan with the user as its Owner; it becomes the current one.</summary>
    public async Task<Result<Guid>> CreateAsync(Guid userId, string? name, CancellationToken cancellationToken = default)
    {
        var validated = Organization.ValidateName(name);
        if (!validated.Succeeded)
        {
            return Result<Guid>.Failure([.. validated.Errors]);
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken) is not { } user)
        {
            return Error.NotFound("user");
        }

        var now = clock.GetUtcNow();
        var organization = Organization.Create(userId, validated.Value, now);
        db.Organizations.Add(organization);
        db.Subscriptions.Add(Subscription.StartFree(organization.Id, now));
        user.CurrentOrganizationId = organization.Id;
        Audit(db, userId, "organization.created", organization.Id, [new FieldChange("Name", null, organization.Name)]);
        await db.SaveChangesAsync(cancellationToken);
        return organization.Id;
    }

    /// <summary>Renames an organization; an Owner or an Admin may.</summary>
    public async Task<Result> RenameAsync(Guid userId, Guid organizationId, string? name, CancellationToken cancellationToken = default)
    {
        var validated = Organization.ValidateName(name);
        if (!validated.Succeeded)
        {
            return Result.Failure([.. validated.Errors]);
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var membership = await FindMembershipAsync(db, userId, organizationId, cancellationToken);
        if (membership is null)
        {
            return NotMember;
        }

        if (membership.Role is not (OrganizationRole.Owner or OrganizationRole.Admin))
        {
            return OwnerOrAdminOnly;
        }

        var organization = await db.Organizations.FirstAsync(o => o.Id == organizationId, cancellationToken);
        if (organization.Name == validated.Value)
        {
            return Result.Success();
        }

        var before = organization.Name;
        organization.Rename(validated.Value);
        Audit(db, userId, "organization.renamed", organizationId, [new FieldChange("Name", before, organization.Name)]);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Success();
    }

    /// <summary>Leaves an organization; refused for the personal one and for its last Owner.</summary>
    public async Task<Result> LeaveAsync(Guid userId, Guid organizationId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var membership = await FindMembershipAsync(db, userId, organizationId, cancellationToken);
        if (membership is null)
        {
            return NotMember;
        }

        if (membership.Organization!.IsPersonal)
        {
            return Personal;
        }

        if (membership.Role == OrganizationRole.Owner
            && !await db.Memberships.AnyAsync(m => m.OrganizationId == organizationId && m.UserId != userId && m.Role == OrganizationRole.Owner, cancellationToken))
        {
            return LastOwner;
        }

        if (membership.Role == OrganizationRole.Owner)
        {
            membership.Organization.OwnersChanged();
        }

        db.Memberships.Remove(membership);
        await ForgetCurrentAsync(db, organizationId, [userId], cancellationToken);
        Audit(db, userId, "organization.left", organizationId, [new FieldChange("Member", $"{userId} ({membership.Role})", null)]);
        return await db.SaveOrConflictAsync(OwnersChanged, cancellationToken) is { } changed ? changed : Result.Success();
    }

    /// <summary>
    /// Deletes an organization (ADR-018): Owner only, never the personal one, not while a paid subscription runs.
    /// Every membership goes, so no one sees it again; its Free subscription ends; its accounting rows stay.
    /// </summary>
    public async Task<Result> DeleteAsync(Guid userId, Guid organizationId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var membership = await FindMembershipAsync(db, userId, organizationId, cancellationToken);
        if (membership is null)
        {
            return NotMember;
        }

        if (membership.Role != OrganizationRole.Owner)
        {
            return OwnerOnly;
        }

        var organization = membership.Organization!;
        if (organization.IsPersonal)
        {
            return Personal;
        }

        var subscriptions = await db.Subscriptions.Where(s => s.OrganizationId == organizationId).ToListAsync(cancellationToken);
        if (subscriptions.Any(s => s.RunsPaid))
        {
            return PaidSubscription;
        }

        var now = clock.GetUtcNow();
        var members = await db.Memberships.Where(m => m.OrganizationId == organizationId).ToListAsync(cancellationToken);
        db.Memberships.RemoveRange(members);
        await ForgetCurrentAsync(db, organizationId, [.. members.Select(m => m.UserId)], cancellationToken);
        foreach (var subscription in subscriptions)
        {
            subscription.EndWithOrganization(now);
        }

        organization.MarkDeleted(now);
        Audit(db, userId, "organization.deleted", organizationId,
        [
            new FieldChange("Name", organization.Name, null),
            new FieldChange("Members", string.Join(", ", members.Select(m => $"{m.UserId} ({m.Role})")), null),
        ]);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Success();
    }

    private static Task<Membership?> FindMembershipAsync(IPortalDbContext db, Guid userId, Guid organizationId, CancellationToken cancellationToken) =>
        db.Memberships.Include(m => m.Organization)
            .FirstOrDefaultAsync(m => m.UserId == userId && m.OrganizationId == organizationId && m.Organization!.DeletedAt == null, cancellationToken);

    // A stale choice would fall back anyway; clearing it keeps the stored value meaningful.
    private static async Task ForgetCurrentAsync(IPortalDbContext db, Guid organizationId, Guid[] userIds, CancellationToken cancellationToken)
    {
        foreach (var user in await db.Users.Where(u => userIds.Contains(u.Id) && u.CurrentOrganizationId == organizationId).ToListAsync(cancellationToken))
        {
            user.CurrentOrganizationId = null;
        }
    }

    private void Audit(IPortalDbContext db, Guid userId, string action, Guid organizationId, IReadOnlyList<FieldChange> changes) =>
        db.AuditEntries.Add(AuditEntry.Record(userId, action, "organization", organizationId.ToString(), organizationId, FieldChange.Describe(changes), clock.GetUtcNow()));
}
