using Microsoft.EntityFrameworkCore;
using ProfilePortal.Domain.Audit;
using ProfilePortal.Domain.Common;

namespace ProfilePortal.Domain.Payments;

/// <summary>The one way a card becomes an organization's card, whichever path brings it (portal form or provider widget).</summary>
internal static class OrganizationCards
{
    /// <summary>
    /// Adds <paramref name="card"/> as the organization's card, audited, in the caller's context. With
    /// <paramref name="retirePrevious"/> the cards on file are retired now; otherwise the caller decides later.
    /// </summary>
    public static async Task<PaymentMethod> AddAsync(
        IPortalDbContext db, Guid organizationId, string provider, CardDetails card, Guid? addedBy, DateTimeOffset now, bool retirePrevious,
        CancellationToken cancellationToken)
    {
        var previous = await db.PaymentMethods.Where(m => m.OrganizationId == organizationId && m.RemovedAt == null).ToListAsync(cancellationToken);
        foreach (var old in previous.Where(_ => retirePrevious))
        {
            old.Remove(now);
        }

        var method = PaymentMethod.Save(organizationId, provider, card, addedBy, now);
        db.PaymentMethods.Add(method);
        db.AuditEntries.Add(AuditEntry.Record(
            addedBy, "payment_method.added", "payment_method", method.Id.ToString(), organizationId,
            FieldChange.Describe([new("Card", previous.FirstOrDefault()?.Mask, method.Mask)]), now));
        return method;
    }

    /// <summary>The mask (<c>•••• 4242</c>) of each organization's card on file, for the reminder emails of a batch.</summary>
    public static async Task<Dictionary<Guid, string>> MasksAsync(IPortalDbContext db, IReadOnlyCollection<Guid> organizationIds, CancellationToken cancellationToken) =>
        (await db.PaymentMethods.AsNoTracking()
            .Where(m => organizationIds.Contains(m.OrganizationId) && m.RemovedAt == null)
            .Select(m => new { m.OrganizationId, m.Last4, m.AddedAt })
            .ToListAsync(cancellationToken))
        .GroupBy(m => m.OrganizationId)
        .ToDictionary(g => g.Key, g => $"•••• {g.MaxBy(m => m.AddedAt)!.Last4}");
}
