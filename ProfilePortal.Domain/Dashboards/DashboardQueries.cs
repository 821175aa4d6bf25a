using Microsoft.EntityFrameworkCore;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Domain.Trials;

namespace ProfilePortal.Domain.Dashboards;

/// <summary>
/// The admin dashboards over a chosen period, read from the daily figures the rollup keeps (ADR-017): one query for
/// the period's rows and one for the plans, whatever the number of subscriptions. Admins only, checked here too.
/// </summary>
public sealed class DashboardQueries(IPortalDbContextFactory dbFactory, TimeProvider clock)
{
    public async Task<Result<Dashboard>> LoadAsync(Guid actorUserId, DashboardPeriod period, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(period);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (!await SiteAdmins.IsAdminAsync(db, actorUserId, cancellationToken))
        {
            return Error.Forbidden();
        }

        if (period.From > period.To || period.To > DashboardDays.Of(clock.GetUtcNow()))
        {
            return DashboardErrors.InvalidPeriod;
        }

        if (period.Days > DashboardPeriod.MaxDays)
        {
            return DashboardErrors.PeriodTooLong;
        }

        var dayBefore = period.From.AddDays(-1);
        var rows = await db.DailyMetrics.AsNoTracking()
            .Where(m => m.Day >= dayBefore && m.Day <= period.To)
            .ToListAsync(cancellationToken);
        var plans = await db.Plans.AsNoTracking()
            .Where(p => p.Generation != PlanGeneration.Free)
            .OrderBy(p => p.SortOrder)
            .Select(p => new PlanInfo(p.Code, p.Name, p.Generation, p.Currency))
            .ToListAsync(cancellationToken);
        return Build(period, rows, plans);
    }

    private static Dashboard Build(DashboardPeriod period, List<DailyMetric> rows, List<PlanInfo> plans)
    {
        var days = Enumerable.Range(0, period.Days).Select(period.From.AddDays).ToList();
        var figures = new PeriodFigures(period, rows);
        var planByCode = plans.ToDictionary(p => p.Code, StringComparer.Ordinal);
        string CurrencyOf(string plan) => planByCode.TryGetValue(plan, out var info) ? info.Currency : Money.Rub;

        var mrrByDay = days.ToDictionary(day => day, day => figures.Snapshot(day, DashboardMetrics.Mrr)
            .GroupBy(m => CurrencyOf(m.Dimension), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(m => m.Value), StringComparer.Ordinal));
        var currencies = mrrByDay.Values.SelectMany(m => m.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var mrr = currencies
            .Select(currency => new DailySeries<decimal?>(currency, [.. days.Select(day =>
                figures.HasSnapshot(day) ? mrrByDay[day].GetValueOrDefault(currency) : (decimal?)null)]))
            .ToList();

        var activeByPlan = plans
            .Where(plan => days.Any(day => figures.Snapshot(day, DashboardMetrics.ActiveSubscriptions).Any(m => m.Dimension == plan.Code && m.Value > 0)))
            .Select(plan => new DailySeries<int?>(plan.Code, [.. days.Select(day => figures.HasSnapshot(day)
                ? (int?)figures.Snapshot(day, DashboardMetrics.ActiveSubscriptions).Where(m => m.Dimension == plan.Code).Sum(m => (int)m.Value)
                : null)]))
            .ToList();

        var end = days.LastOrDefault(figures.HasSnapshot);
        var start = figures.HasSnapshot(period.From.AddDays(-1)) ? period.From.AddDays(-1) : days.FirstOrDefault(figures.HasSnapshot);
        var activeByGeneration = figures.Snapshot(end, DashboardMetrics.ActiveSubscriptions)
            .GroupBy(m => planByCode.TryGetValue(m.Dimension, out var info) ? info.Generation : PlanGeneration.New)
            .Select(g => new GenerationShare(g.Key, g.Sum(m => (int)m.Value)))
            .OrderBy(g => g.Generation)
            .ToList();

        var totals = new DashboardTotals(
            MrrAtEnd: figures.HasSnapshot(end) ? mrrByDay[end] : new Dictionary<string, decimal>(StringComparer.Ordinal),
            MrrAtStart: figures.Snapshot(start, DashboardMetrics.Mrr)
                .GroupBy(m => CurrencyOf(m.Dimension), StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Sum(m => m.Value), StringComparer.Ordinal),
            ActiveAtEnd: figures.Count(end, DashboardMetrics.ActiveSubscriptions),
            ActiveAtStart: figures.Count(start, DashboardMetrics.ActiveSubscriptions),
            NewSubscriptions: figures.Total(DashboardMetrics.NewSubscriptions),
            TrialsStarted: figures.Total(DashboardMetrics.TrialsStarted),
            TrialActivation: figures.Ratio(DashboardMetrics.TrialActivations, DashboardMetrics.TrialActivationAttempts),
            TrialToPaid: figures.Ratio(DashboardMetrics.TrialsConverted, DashboardMetrics.TrialsEnded),
            ChargeErrors: figures.Ratio(DashboardMetrics.ChargeDeclines, DashboardMetrics.ChargeAttempts),
            EmailDelivery: figures.Ratio(DashboardMetrics.EmailsSent, DashboardMetrics.EmailsSettled),
            CancellationCompletion: figures.Ratio(DashboardMetrics.CancellationFlowsCompleted, DashboardMetrics.CancellationFlowsStarted),
            SaveRate: figures.Ratio(DashboardMetrics.SavesKept, DashboardMetrics.Saves),
            Churn: new Ratio(
                figures.Total(DashboardMetrics.Churned),
                figures.Count(start, DashboardMetrics.ActiveSubscriptions) + figures.Count(start, DashboardMetrics.PausedSubscriptions)),
            PausesStarted: figures.Total(DashboardMetrics.PausesStarted),
            PauseResume: figures.Ratio(DashboardMetrics.PausesResumed, DashboardMetrics.PausesDecided));

        return new Dashboard(
            period,
            days,
            figures.ComputedAt,
            mrr,
            activeByPlan,
            [.. plans.Select(p => new DashboardPlan(p.Code, p.Name, p.Generation))],
            activeByGeneration,
            [.. days.Select(day => figures.Count(day, DashboardMetrics.NewSubscriptions))],
            [.. days.Select(day => figures.Count(day, DashboardMetrics.TrialsStarted))],
            [.. days.Select(day => figures.DayRatio(day, DashboardMetrics.ChargeDeclines, DashboardMetrics.ChargeAttempts).Percent)],
            [.. days.Select(day => figures.DayRatio(day, DashboardMetrics.EmailsSent, DashboardMetrics.EmailsSettled).Percent)],
            totals);
    }

    private sealed record PlanInfo(string Code, string Name, PlanGeneration Generation, string Currency);

    /// <summary>The period's rows by day and metric, with the sums the dashboard is made of.</summary>
    private sealed class PeriodFigures(DashboardPeriod period, IReadOnlyList<DailyMetric> rows)
    {
        private readonly ILookup<(DateOnly Day, string Metric), DailyMetric> _byDay = rows.ToLookup(r => (r.Day, r.Metric));
        private readonly HashSet<DateOnly> _snapshotDays = [.. rows.Where(r => DashboardMetrics.Snapshots.Contains(r.Metric)).Select(r => r.Day)];

        public DateTimeOffset? ComputedAt { get; } = rows.Where(r => r.Day >= period.From).Select(r => (DateTimeOffset?)r.ComputedAt).Max();

        public bool HasSnapshot(DateOnly day) => _snapshotDays.Contains(day);

        public IEnumerable<DailyMetric> Snapshot(DateOnly day, string metric) => _byDay[(day, metric)];

        /// <summary>A count of the day, or a snapshot's total over its plans.</summary>
        public int Count(DateOnly day, string metric) => (int)_byDay[(day, metric)].Sum(m => m.Value);

        public int Total(string metric) => rows.Where(r => r.Day >= period.From && r.Metric == metric).Sum(r => (int)r.Value);

        public Ratio Ratio(string part, string whole) => new(Total(part), Total(whole));

        public Ratio DayRatio(DateOnly day, string part, string whole) => new(Count(day, part), Count(day, whole));
    }
}
