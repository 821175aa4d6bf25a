using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Notifications;
using ProfilePortal.Domain.Payments;
using ProfilePortal.Domain.Retention;
using ProfilePortal.Domain.Trials;

namespace ProfilePortal.Domain.Dashboards;

/// <summary>What one rollup run wrote: the days it recomputed and how many figures changed.</summary>
public sealed record DashboardRollupResult(DateOnly From, DateOnly To, int Written);

/// <summary>
/// Turns the stored events into <see cref="DailyMetric"/> rows (ADR-017), so a year of dashboards reads a few thousand
/// rows instead of millions of events. Each run recomputes the counts of the last
/// <see cref="DashboardOptions.RecomputeDays"/> UTC days (all of the backfill on the first run) and takes today's
/// snapshot of the subscriptions; earlier days keep the last snapshot taken on them. A run is idempotent: it writes
/// the same figures twice over the same events, and the whole run is one save.
/// </summary>
public sealed partial class DashboardRollup(
    IPortalDbContextFactory dbFactory,
    IOptions<DashboardOptions> options,
    TimeProvider clock,
    ILogger<DashboardRollup> logger)
{
    // A charge settles within seconds of its attempt, or hours later by the provider's notice.
    private static readonly TimeSpan SettlementSlack = TimeSpan.FromDays(1);

    // Pauses last at most three months: a pause decided in the range began at most this long before it.
    private static readonly TimeSpan PauseLookback = TimeSpan.FromDays(120);

    // Subscription ids per IN list, well under every provider's parameter limit.
    private const int IdChunk = 500;

    public async Task<DashboardRollupResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var today = DashboardDays.Of(now);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        await db.KeepConnectionOpenAsync(cancellationToken);
        var first = await FirstDayAsync(db, today, cancellationToken);

        var figures = new DailyFigures();
        await CountEventsAsync(db, figures, first, today, now, cancellationToken);
        await SnapshotAsync(db, figures, today, now, cancellationToken);
        var written = await StoreAsync(db, figures, first, today, now, cancellationToken);
        LogRolledUp(logger, first, today, written);
        return new DashboardRollupResult(first, today, written);
    }

    private async Task<DateOnly> FirstDayAsync(IPortalDbContext db, DateOnly today, CancellationToken cancellationToken)
    {
        var last = await db.DailyMetrics.MaxAsync(m => (DateOnly?)m.Day, cancellationToken);
        if (last is { } lastDay)
        {
            return (lastDay < today ? lastDay : today).AddDays(1 - options.Value.RecomputeDays);
        }

        return today.AddDays(1 - options.Value.BackfillDays);
    }

    private static async Task CountEventsAsync(
        IPortalDbContext db, DailyFigures figures, DateOnly first, DateOnly today, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var from = DashboardDays.Start(first);
        var to = DashboardDays.Start(today.AddDays(1));

        var subscriptionsBought = await db.Payments.AsNoTracking()
            .Where(p => (p.Purpose == PaymentPurpose.Subscription || p.Purpose == PaymentPurpose.TrialConversion)
                && p.LastAttemptAt >= from - SettlementSlack && p.LastAttemptAt < to && p.SucceededAt >= from && p.SucceededAt < to)
            .Select(p => new { At = p.SucceededAt!.Value, p.PlanCode })
            .ToListAsync(cancellationToken);
        foreach (var bought in subscriptionsBought)
        {
            figures.Add(bought.At, DashboardMetrics.NewSubscriptions, bought.PlanCode ?? string.Empty);
        }

        await CountTrialsAsync(db, figures, from, to, cancellationToken);
        await CountCancellationsAsync(db, figures, from, to, cancellationToken);
        await CountPausesAsync(db, figures, from, to, cancellationToken);

        // A save counts on the day it was made, once the whole day's 30-day window is over (SaveRate's definition).
        var maturedDays = DashboardDays.Start(DashboardDays.Of(now - SaveRate.Window));
        foreach (var (decidedAt, kept) in await SaveRate.MaturedSavesAsync(db, from, maturedDays < to ? maturedDays : to, now, cancellationToken))
        {
            figures.Add(decidedAt, DashboardMetrics.Saves);
            figures.Add(decidedAt, DashboardMetrics.SavesKept, value: kept ? 1 : 0);
        }

        // The big tables are counted per day in SQL over their (action | created, instant) indexes.
        for (var day = first; day <= today; day = day.AddDays(1))
        {
            var dayStart = DashboardDays.Start(day);
            var dayEnd = DashboardDays.Start(day.AddDays(1));
            var succeeded = await db.AuditEntries.CountAsync(
                a => a.Action == PaymentSettlement.SucceededAction && a.OccurredAt >= dayStart && a.OccurredAt < dayEnd, cancellationToken);
            var declined = await db.AuditEntries.CountAsync(
                a => a.Action == PaymentSettlement.DeclinedAction && a.OccurredAt >= dayStart && a.OccurredAt < dayEnd, cancellationToken);
            figures.Add(day, DashboardMetrics.ChargeAttempts, value: succeeded + declined);
            figures.Add(day, DashboardMetrics.ChargeDeclines, value: declined);

            var emails = await db.EmailMessages
                .Where(m => m.CreatedAt >= dayStart && m.CreatedAt < dayEnd && (m.Status == EmailStatus.Sent || m.Status == EmailStatus.Failed))
                .GroupBy(m => m.Status)
                .Select(g => new { Status = g.Key, Count = g.Count() })
                .ToListAsync(cancellationToken);
            figures.Add(day, DashboardMetrics.EmailsSettled, value: emails.Sum(e => e.Count));
            figures.Add(day, DashboardMetrics.EmailsSent, value: emails.Where(e => e.Status == EmailStatus.Sent).Sum(e => e.Count));

        }
    }

    private static async Task CountTrialsAsync(IPortalDbContext db, DailyFigures figures, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var started = await db.Trials.AsNoTracking()
            .Where(t => t.StartedAt >= from && t.StartedAt < to)
            .Select(t => t.StartedAt)
            .ToListAsync(cancellationToken);
        foreach (var at in started)
        {
            figures.Add(at, DashboardMetrics.TrialsStarted);
        }

        var attempts = await db.TrialActivationAttempts.AsNoTracking()
            .Where(a => a.AttemptedAt >= from && a.AttemptedAt < to && a.Outcome != TrialActivationOutcome.Blocked)
            .Select(a => new { a.AttemptedAt, a.Outcome })
            .ToListAsync(cancellationToken);
        foreach (var attempt in attempts)
        {
            figures.Add(attempt.AttemptedAt, DashboardMetrics.TrialActivationAttempts);
            figures.Add(attempt.AttemptedAt, DashboardMetrics.TrialActivations, value: attempt.Outcome == TrialActivationOutcome.Succeeded ? 1 : 0);
        }

        var ended = await db.Trials.AsNoTracking()
            .Where(t => t.Outcome != TrialOutcome.Running && t.OutcomeAt >= from && t.OutcomeAt < to)
            .Select(t => new { At = t.OutcomeAt!.Value, t.Outcome })
            .ToListAsync(cancellationToken);
        foreach (var trial in ended)
        {
            figures.Add(trial.At, DashboardMetrics.TrialsEnded);
            figures.Add(trial.At, DashboardMetrics.TrialsConverted, value: trial.Outcome == TrialOutcome.Converted ? 1 : 0);
        }
    }

    private static async Task CountCancellationsAsync(
        IPortalDbContext db, DailyFigures figures, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var flows = await db.CancellationFeedback.AsNoTracking()
            .Where(f => f.Flow == CancellationFlow.Full && f.StartedAt >= from && f.StartedAt < to)
            .Select(f => new { f.StartedAt, f.Outcome })
            .ToListAsync(cancellationToken);
        foreach (var flow in flows)
        {
            figures.Add(flow.StartedAt, DashboardMetrics.CancellationFlowsStarted);
            figures.Add(flow.StartedAt, DashboardMetrics.CancellationFlowsCompleted,
                value: flow.Outcome is CancellationOutcome.Cancelled or CancellationOutcome.Saved ? 1 : 0);
        }

        // Voluntary churn at the customer's decision, as the weekly churn alert counts it (both flows).
        var cancelled = await db.CancellationFeedback.AsNoTracking()
            .Where(f => f.Outcome == CancellationOutcome.Cancelled && f.DecidedAt >= from && f.DecidedAt < to)
            .Select(f => f.DecidedAt!.Value)
            .ToListAsync(cancellationToken);
        foreach (var at in cancelled)
        {
            figures.Add(at, DashboardMetrics.Churned);
        }

        // Involuntary churn: a paid subscription expired after its grace period. A trial whose conversion was never
        // paid expires the same way, but it is a trial that did not convert, not a customer lost.
        var expired = await db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == SubscriptionAudit.Expired && a.OccurredAt >= from && a.OccurredAt < to)
            .Select(a => new { a.TargetId, a.OccurredAt })
            .ToListAsync(cancellationToken);
        var trialsExpired = (await db.Trials.AsNoTracking()
                .Where(t => t.Outcome == TrialOutcome.Expired && t.OutcomeAt >= from && t.OutcomeAt < to)
                .Select(t => new { t.SubscriptionId, At = t.OutcomeAt!.Value })
                .ToListAsync(cancellationToken))
            .Select(t => (t.SubscriptionId, t.At))
            .ToHashSet();
        foreach (var entry in expired)
        {
            if (!Guid.TryParse(entry.TargetId, out var subscriptionId) || !trialsExpired.Contains((subscriptionId, entry.OccurredAt)))
            {
                figures.Add(entry.OccurredAt, DashboardMetrics.Churned);
            }
        }
    }

    private static async Task CountPausesAsync(IPortalDbContext db, DailyFigures figures, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var lookFrom = from - PauseLookback;
        var paused = await db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == SubscriptionAudit.Paused && a.OccurredAt >= lookFrom && a.OccurredAt < to)
            .Select(a => new PauseStoryEntry(a.TargetId, a.Action, a.OccurredAt))
            .ToListAsync(cancellationToken);
        foreach (var pause in paused.Where(p => p.At >= from))
        {
            figures.Add(pause.At, DashboardMetrics.PausesStarted);
        }

        var story = new List<PauseStoryEntry>(paused);
        var followers = SubscriptionAudit.PauseStory.Where(a => a != SubscriptionAudit.Paused).ToArray();
        foreach (var ids in paused.Select(p => p.SubscriptionId).Distinct(StringComparer.Ordinal).Chunk(IdChunk))
        {
            story.AddRange(await db.AuditEntries.AsNoTracking()
                .Where(a => a.TargetType == SubscriptionAudit.Target && ids.Contains(a.TargetId)
                    && a.OccurredAt >= lookFrom && a.OccurredAt < to && followers.Contains(a.Action))
                .Select(a => new PauseStoryEntry(a.TargetId, a.Action, a.OccurredAt))
                .ToListAsync(cancellationToken));
        }

        foreach (var decision in PauseOutcomes.Decide(story).Where(d => d.At >= from))
        {
            figures.Add(decision.At, DashboardMetrics.PausesDecided);
            figures.Add(decision.At, DashboardMetrics.PausesResumed, value: decision.Resumed ? 1 : 0);
        }
    }

    // Every paid plan gets a row each snapshot, zero included, so a day with a snapshot is told from a day without.
    private static async Task SnapshotAsync(IPortalDbContext db, DailyFigures figures, DateOnly today, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var plans = await db.Plans.AsNoTracking().Where(p => p.Generation != PlanGeneration.Free).ToListAsync(cancellationToken);
        foreach (var plan in plans)
        {
            foreach (var metric in DashboardMetrics.Snapshots)
            {
                figures.Add(today, metric, plan.Code, 0);
            }
        }

        var groups = await db.Subscriptions.AsNoTracking()
            .Where(s => s.PlanCode != Plan.FreeCode && s.Status != SubscriptionStatus.Canceled && s.Status != SubscriptionStatus.Expired)
            .GroupBy(s => new
            {
                s.PlanCode,
                s.Status,
                // A discount of 0 % changes nothing below; comparing decimals in SQLite would cost a function call a row.
                Discount = s.DiscountExpiresAt > now ? s.DiscountPercent : null,
            })
            .Select(g => new { g.Key.PlanCode, g.Key.Status, g.Key.Discount, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var prices = plans.ToDictionary(p => p.Code, p => p.PricePerMonth, StringComparer.Ordinal);
        foreach (var group in groups)
        {
            switch (group.Status)
            {
                case SubscriptionStatus.Active or SubscriptionStatus.PastDue:
                    figures.Add(today, DashboardMetrics.ActiveSubscriptions, group.PlanCode, group.Count);
                    var price = prices.GetValueOrDefault(group.PlanCode) * (100m - (group.Discount ?? 0m)) / 100m;
                    figures.Add(today, DashboardMetrics.Mrr, group.PlanCode, decimal.Round(price * group.Count, 2));
                    break;
                case SubscriptionStatus.Trialing:
                    figures.Add(today, DashboardMetrics.TrialingSubscriptions, group.PlanCode, group.Count);
                    break;
                case SubscriptionStatus.Paused:
                    figures.Add(today, DashboardMetrics.PausedSubscriptions, group.PlanCode, group.Count);
                    break;
            }
        }
    }

    // Recomputed days are rewritten in place: changed figures updated, new ones added, vanished ones removed, except
    // the snapshots of past days, which only the run on that day could take.
    private static async Task<int> StoreAsync(
        IPortalDbContext db, DailyFigures figures, DateOnly first, DateOnly today, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var stored = await db.DailyMetrics.Where(m => m.Day >= first && m.Day <= today).ToListAsync(cancellationToken);
        var pending = figures.Values
            .Where(f => f.Value != 0 || DashboardMetrics.Snapshots.Contains(f.Key.Metric))
            .ToDictionary(f => f.Key, f => f.Value);
        foreach (var row in stored)
        {
            var key = (row.Day, row.Metric, row.Dimension);
            if (pending.Remove(key, out var value))
            {
                if (row.Value != value)
                {
                    row.Update(value, now);
                }
            }
            else if (row.Day == today || !DashboardMetrics.Snapshots.Contains(row.Metric))
            {
                db.DailyMetrics.Remove(row);
            }
        }

        foreach (var ((day, metric, dimension), value) in pending)
        {
            db.DailyMetrics.Add(DailyMetric.Create(day, metric, dimension, value, now));
        }

        return await db.SaveChangesAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dashboard figures rolled up for {From} to {To}: {Written} rows written")]
    private static partial void LogRolledUp(ILogger logger, DateOnly from, DateOnly to, int written);

    /// <summary>The figures of one run by (day, metric, dimension); zero counts are not stored.</summary>
    private sealed class DailyFigures
    {
        public Dictionary<(DateOnly Day, string Metric, string Dimension), decimal> Values { get; } = [];

        public void Add(DateTimeOffset at, string metric, string dimension = "", decimal value = 1) =>
            Add(DashboardDays.Of(at), metric, dimension, value);

        public void Add(DateOnly day, string metric, string dimension = "", decimal value = 1)
        {
            var key = (day, metric, dimension);
            Values[key] = Values.GetValueOrDefault(key) + value;
        }
    }
}
