using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Trials;

namespace ProfilePortal.Domain.Dashboards;

/// <summary>The UTC days a dashboard covers, both ends included.</summary>
public sealed record DashboardPeriod(DateOnly From, DateOnly To)
{
    /// <summary>The longest period one dashboard shows: a year and a month, for a year over year look.</summary>
    public const int MaxDays = 400;

    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>The <paramref name="days"/> days that end with <paramref name="today"/>.</summary>
    public static DashboardPeriod Last(int days, DateOnly today) => new(today.AddDays(1 - days), today);
}

/// <summary>A figure per day of the period, in the period's order; null where no snapshot was taken that day.</summary>
public sealed record DailySeries<T>(string Name, IReadOnlyList<T> Values);

/// <summary>The active subscriptions of one generation at the end of the period.</summary>
public sealed record GenerationShare(PlanGeneration Generation, int Subscriptions);

/// <summary>A plan as the dashboard names it.</summary>
public sealed record DashboardPlan(string Code, string Name, PlanGeneration Generation);

/// <summary>
/// The period's totals. Each rate is a <see cref="Ratio"/> so the page can show what it is made of. Churn's whole is
/// the paying subscriptions (active, past due or paused) at the last snapshot before the period (or its first one).
/// </summary>
public sealed record DashboardTotals(
    IReadOnlyDictionary<string, decimal> MrrAtEnd,
    IReadOnlyDictionary<string, decimal> MrrAtStart,
    int ActiveAtEnd,
    int ActiveAtStart,
    int NewSubscriptions,
    int TrialsStarted,
    Ratio TrialActivation,
    Ratio TrialToPaid,
    Ratio ChargeErrors,
    Ratio EmailDelivery,
    Ratio CancellationCompletion,
    Ratio SaveRate,
    Ratio Churn,
    int PausesStarted,
    Ratio PauseResume);

/// <summary>Everything <c>/admin/dashboard</c> draws for one period, read from the daily rollup (ADR-017).</summary>
/// <param name="ComputedAt">When the rollup last wrote a figure of the period; null when it has not run for it yet.</param>
/// <param name="Mrr">One series per currency: the MRR snapshot of each day.</param>
/// <param name="ActiveByPlan">One series per plan that had an active subscription in the period.</param>
/// <param name="ChargeErrorPercent">Declined charge attempts of the settled ones, per day; null on a day without attempts.</param>
/// <param name="EmailDeliveryPercent">Sent emails of those sent or given up, per day; null on a day without any.</param>
public sealed record Dashboard(
    DashboardPeriod Period,
    IReadOnlyList<DateOnly> Days,
    DateTimeOffset? ComputedAt,
    IReadOnlyList<DailySeries<decimal?>> Mrr,
    IReadOnlyList<DailySeries<int?>> ActiveByPlan,
    IReadOnlyList<DashboardPlan> Plans,
    IReadOnlyList<GenerationShare> ActiveByGeneration,
    IReadOnlyList<int> NewSubscriptions,
    IReadOnlyList<int> TrialsStarted,
    IReadOnlyList<double?> ChargeErrorPercent,
    IReadOnlyList<double?> EmailDeliveryPercent,
    DashboardTotals Totals);

public static class DashboardErrors
{
    public static readonly Common.Error InvalidPeriod = new("dashboard.invalid_period", "The period must start on or before its end and not end after today.");

    public static readonly Common.Error PeriodTooLong = new("dashboard.period_too_long", $"A dashboard covers at most {DashboardPeriod.MaxDays} days.");
}
