using Microsoft.EntityFrameworkCore;
using ProfilePortal.Domain.Audit;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Payments;

namespace ProfilePortal.Domain.Trials;

/// <summary>
/// The figures behind the rollout's criteria, read from what the portal already stores: the trial ledger, the
/// payments and the audit trail. A charge's error rate counts attempts, not payments: the audit trail has one
/// <c>payment.succeeded</c> or <c>payment.declined</c> per settled attempt (the payment row keeps only its last
/// outcome), so a card declined at the conversion and at two retries counts three times, as the provider's own
/// statistics do. Attempts whose outcome is unknown (the provider did not answer) count neither way.
/// </summary>
internal static class TrialRolloutQueries
{
    // An attempt is settled seconds after it is sent by the sweeps, minutes later by a provider's notification;
    // a payment last attempted this long before the window cannot have an outcome inside it.
    private static readonly TimeSpan SettlementSlack = TimeSpan.FromDays(1);

    /// <summary>Declined trial conversion attempts of all settled ones since <paramref name="since"/>.</summary>
    public static async Task<Ratio> ConversionChargeErrorsAsync(IPortalDbContext db, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var attemptedSince = since - SettlementSlack;
        var payments = await db.Payments.AsNoTracking()
            .Where(p => p.Purpose == PaymentPurpose.TrialConversion && p.LastAttemptAt >= attemptedSince)
            .Select(p => p.Id)
            .ToListAsync(cancellationToken);
        if (payments.Count == 0)
        {
            return Ratio.Empty;
        }

        // The audit trail names a payment by its id as PaymentSettlement writes it.
        var targets = payments.Select(id => id.ToString()).ToList();
        return await OutcomesAsync(db.AuditEntries.Where(a => a.TargetType == PaymentSettlement.AuditTarget && targets.Contains(a.TargetId)), since, cancellationToken);
    }

    /// <summary>Declined charge attempts of all settled ones since <paramref name="since"/>, whatever they paid for.</summary>
    public static Task<Ratio> BillingErrorsAsync(IPortalDbContext db, DateTimeOffset since, CancellationToken cancellationToken) =>
        OutcomesAsync(db.AuditEntries.Where(a => a.TargetType == PaymentSettlement.AuditTarget), since, cancellationToken);

    public static Task<int> TrialsStartedAsync(IPortalDbContext db, DateTimeOffset since, CancellationToken cancellationToken) =>
        db.Trials.CountAsync(t => t.StartedAt >= since, cancellationToken);

    /// <summary>Converted trials of the trials that ended (converted, cancelled, expired) since <paramref name="since"/>.</summary>
    public static async Task<Ratio> TrialToPaidAsync(IPortalDbContext db, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var ended = await db.Trials.AsNoTracking()
            .Where(t => t.Outcome != TrialOutcome.Running && t.OutcomeAt >= since)
            .GroupBy(t => t.Outcome)
            .Select(g => new { Outcome = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return new Ratio(ended.Where(e => e.Outcome == TrialOutcome.Converted).Sum(e => e.Count), ended.Sum(e => e.Count));
    }

    /// <summary>The people who signed up since <paramref name="since"/>, and whether each has started a trial.</summary>
    public static async Task<IReadOnlyList<(Guid UserId, bool StartedTrial)>> NewcomersAsync(
        IPortalDbContext db, DateTimeOffset since, CancellationToken cancellationToken) =>
        [.. (await db.Users.AsNoTracking()
                .Where(u => u.CreatedAt >= since)
                .Select(u => new { u.Id, Started = db.Trials.Any(t => t.UserId == u.Id) })
                .ToListAsync(cancellationToken))
            .Select(n => (n.Id, n.Started))];

    private static async Task<Ratio> OutcomesAsync(IQueryable<AuditEntry> entries, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var counts = await entries
            .Where(a => (a.Action == PaymentSettlement.DeclinedAction || a.Action == PaymentSettlement.SucceededAction) && a.OccurredAt >= since)
            .GroupBy(a => a.Action)
            .Select(g => new { Action = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return new Ratio(counts.Where(c => c.Action == PaymentSettlement.DeclinedAction).Sum(c => c.Count), counts.Sum(c => c.Count));
    }
}
