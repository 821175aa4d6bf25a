using Microsoft.EntityFrameworkCore;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Notifications;
using ProfilePortal.Domain.Payments;
using ProfilePortal.Domain.Retention;
using ProfilePortal.Domain.Trials;

namespace ProfilePortal.Domain.Alerts;

/// <summary>
/// Each rule's live value over its window ending now, from what the portal stores (ADR-013). Windows are computed
/// here and compared in SQL, because SQLite stores instants as ticks and has no date arithmetic on them.
/// </summary>
internal static class AlertMeasurements
{
    // A settled attempt is recorded in the audit trail within seconds, a provider's late notice within a day.
    private static readonly TimeSpan SettlementSlack = TimeSpan.FromDays(1);

    // A cancellation flow begun less than this long ago may still be under way, so it counts neither way yet.
    private static readonly TimeSpan FlowGrace = TimeSpan.FromHours(1);

    public static Task<AlertMeasurement> MeasureAsync(IPortalDbContext db, AlertRule rule, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var since = now - rule.Window;
        return rule.Name switch
        {
            AlertRules.BillingErrorRate => BillingErrorRateAsync(db, since, cancellationToken),
            AlertRules.NewSubscriptions => NewSubscriptionsAsync(db, since, cancellationToken),
            AlertRules.LegacyRenewalSuccess => LegacyRenewalSuccessAsync(db, since, cancellationToken),
            AlertRules.TrialActivation => TrialActivationAsync(db, since, now, cancellationToken),
            AlertRules.TrialToPaid => TrialToPaidAsync(db, since, cancellationToken),
            AlertRules.EmailDelivery => EmailDeliveryAsync(db, since, cancellationToken),
            AlertRules.GraceExpired => GraceExpiredAsync(db, since, cancellationToken),
            AlertRules.TrialsPerIp => TrialsPerIpAsync(db, since, cancellationToken),
            AlertRules.CancellationCompletion => CancellationCompletionAsync(db, since, now, cancellationToken),
            AlertRules.WeeklyChurnIncrease => WeeklyChurnIncreaseAsync(db, since, rule.Window, cancellationToken),
            AlertRules.PauseResume => PauseResumeAsync(db, since, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(rule), rule.Name, "Unknown alert rule."),
        };
    }

    private static async Task<AlertMeasurement> BillingErrorRateAsync(IPortalDbContext db, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var errors = await TrialRolloutQueries.BillingErrorsAsync(db, since, cancellationToken);
        return AlertMeasurement.OfRatio(errors.Part, errors.Whole);
    }

    // The sample is whether the portal has ever sold a subscription before the window: a new install is silent.
    private static async Task<AlertMeasurement> NewSubscriptionsAsync(IPortalDbContext db, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var paid = db.Payments.Where(p => (p.Purpose == PaymentPurpose.Subscription || p.Purpose == PaymentPurpose.TrialConversion) && p.SucceededAt != null);
        var recent = await paid.CountAsync(p => p.SucceededAt >= since, cancellationToken);
        var before = await paid.AnyAsync(p => p.SucceededAt < since, cancellationToken);
        return new AlertMeasurement(recent, before || recent > 0 ? 1 : 0);
    }

    private static async Task<AlertMeasurement> LegacyRenewalSuccessAsync(IPortalDbContext db, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var attemptedSince = since - SettlementSlack;
        var payments = await db.Payments.AsNoTracking()
            .Where(p => p.Purpose == PaymentPurpose.Renewal && p.LastAttemptAt >= attemptedSince
                && db.Plans.Any(plan => plan.Code == p.PlanCode && plan.Generation == PlanGeneration.Legacy))
            .Select(p => p.Id)
            .ToListAsync(cancellationToken);
        if (payments.Count == 0)
        {
            return new AlertMeasurement(null, 0);
        }

        var targets = payments.Select(id => id.ToString()).ToList();
        var outcomes = await db.AuditEntries.AsNoTracking()
            .Where(a => a.TargetType == PaymentSettlement.AuditTarget && targets.Contains(a.TargetId) && a.OccurredAt >= since
                && (a.Action == PaymentSettlement.SucceededAction || a.Action == PaymentSettlement.DeclinedAction))
            .Select(a => a.Action)
            .ToListAsync(cancellationToken);
        return AlertMeasurement.OfRatio(outcomes.Count(a => a == PaymentSettlement.SucceededAction), outcomes.Count);
    }

    private static async Task<AlertMeasurement> TrialActivationAsync(
        IPortalDbContext db, DateTimeOffset since, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Until the tick after now: an attempt stored at this very instant belongs to the window ending now.
        var activated = await TrialActivationQueries.SuccessRateAsync(db, since, now.AddTicks(1), cancellationToken);
        return AlertMeasurement.OfRatio(activated.Part, activated.Whole);
    }

    private static async Task<AlertMeasurement> TrialToPaidAsync(IPortalDbContext db, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var converted = await TrialRolloutQueries.TrialToPaidAsync(db, since, cancellationToken);
        return AlertMeasurement.OfRatio(converted.Part, converted.Whole);
    }

    // Suppressed messages (unsubscribed, bounced before) were never handed over, and pending ones are still trying.
    private static async Task<AlertMeasurement> EmailDeliveryAsync(IPortalDbContext db, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var statuses = await db.EmailMessages.AsNoTracking()
            .Where(m => m.CreatedAt >= since && (m.Status == EmailStatus.Sent || m.Status == EmailStatus.Failed))
            .GroupBy(m => m.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return AlertMeasurement.OfRatio(statuses.Where(s => s.Status == EmailStatus.Sent).Sum(s => s.Count), statuses.Sum(s => s.Count));
    }

    private static async Task<AlertMeasurement> GraceExpiredAsync(IPortalDbContext db, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(a => a.TargetType == SubscriptionAudit.Target && a.OccurredAt >= since
                && (a.Action == SubscriptionAudit.PastDue || a.Action == SubscriptionAudit.Expired))
            .Select(a => new { a.Action, a.TargetId })
            .ToListAsync(cancellationToken);
        var entered = entries.Where(e => e.Action == SubscriptionAudit.PastDue).Select(e => e.TargetId).ToHashSet(StringComparer.Ordinal);
        var expired = entries.Where(e => e.Action == SubscriptionAudit.Expired && entered.Contains(e.TargetId)).Select(e => e.TargetId).Distinct().Count();
        return AlertMeasurement.OfRatio(expired, entered.Count);
    }

    private static async Task<AlertMeasurement> TrialsPerIpAsync(IPortalDbContext db, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var busiest = await db.Trials.AsNoTracking()
            .Where(t => t.StartedAt >= since && t.IpAddress != null)
            .GroupBy(t => t.IpAddress)
            .Select(g => g.Count())
            .OrderByDescending(c => c)
            .FirstOrDefaultAsync(cancellationToken);
        return new AlertMeasurement(busiest, busiest);
    }

    private static async Task<AlertMeasurement> CancellationCompletionAsync(
        IPortalDbContext db, DateTimeOffset since, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var settledBefore = now - FlowGrace;
        var outcomes = await db.CancellationFeedback.AsNoTracking()
            .Where(f => f.Flow == CancellationFlow.Full && f.StartedAt >= since && f.StartedAt < settledBefore)
            .GroupBy(f => f.Outcome)
            .Select(g => new { Outcome = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var completed = outcomes.Where(o => o.Outcome is CancellationOutcome.Cancelled or CancellationOutcome.Saved).Sum(o => o.Count);
        return AlertMeasurement.OfRatio(completed, outcomes.Sum(o => o.Count));
    }

    // The sample is the previous week's cancellations: growth over a handful means nothing.
    private static async Task<AlertMeasurement> WeeklyChurnIncreaseAsync(
        IPortalDbContext db, DateTimeOffset since, TimeSpan window, CancellationToken cancellationToken)
    {
        var previousSince = since - window;
        var decided = await db.CancellationFeedback.AsNoTracking()
            .Where(f => f.Outcome == CancellationOutcome.Cancelled && f.DecidedAt >= previousSince)
            .Select(f => f.DecidedAt!.Value)
            .ToListAsync(cancellationToken);
        var current = decided.Count(at => at >= since);
        var previous = decided.Count - current;
        return new AlertMeasurement(previous > 0 ? 100d * (current - previous) / previous : null, previous);
    }

    private static async Task<AlertMeasurement> PauseResumeAsync(IPortalDbContext db, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(a => a.TargetType == SubscriptionAudit.Target && a.OccurredAt >= since && SubscriptionAudit.PauseStory.Contains(a.Action))
            .Select(a => new PauseStoryEntry(a.TargetId, a.Action, a.OccurredAt))
            .ToListAsync(cancellationToken);
        var decisions = PauseOutcomes.Decide(entries);
        return AlertMeasurement.OfRatio(decisions.Count(d => d.Resumed), decisions.Count);
    }
}
