using Microsoft.EntityFrameworkCore;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Common;

namespace ProfilePortal.Domain.Organizations;

/// <summary>
/// Gives every account its personal organization, with the user as Owner and a Free subscription
/// (seed 004: new tenant → owner role + FREE subscription). Idempotent: sign-up calls it, and so does
/// every sign-in, so an interrupted sign-up heals itself and nothing is created twice.
/// </summary>
public sealed class OrganizationProvisioning(IPortalDbContextFactory dbFactory, TimeProvider clock)
{
    public async Task<Guid> EnsurePersonalOrganizationAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var existing = await db.Memberships
            .Where(m => m.UserId == userId && m.Organization!.IsPersonal)
            .Select(m => (Guid?)m.OrganizationId)
            .FirstOrDefaultAsync(cancellationToken);
        if (existing is { } organizationId)
        {
            return organizationId;
        }

        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, cancellationToken)
            ?? throw new InvalidOperationException("A personal organization needs an existing user.");
        var now = clock.GetUtcNow();
        var organization = Organization.CreatePersonal(userId, user.DisplayName, now);
        db.Organizations.Add(organization);
        db.Subscriptions.Add(Subscription.StartFree(organization.Id, now));
        await db.SaveChangesAsync(cancellationToken);
        return organization.Id;
    }
}
