namespace ProfilePortal.Domain.Dashboards;

/// <summary>
/// One figure of one UTC day, written by the dashboard rollup (ADR-017): a count of what happened that day (trials
/// started, charges declined…) or the state at the end of it (MRR, active subscriptions), optionally split by a
/// dimension such as the plan code. The dashboards read these rows instead of scanning the event tables.
/// </summary>
public sealed class DailyMetric
{
    public const int NameMaxLength = 64;

    private DailyMetric()
    {
    }

    public DateOnly Day { get; private set; }

    /// <summary>One of <see cref="DashboardMetrics"/>.</summary>
    public string Metric { get; private set; } = string.Empty;

    /// <summary>The split, e.g. a plan code; empty when the figure is not split.</summary>
    public string Dimension { get; private set; } = string.Empty;

    public decimal Value { get; private set; }

    /// <summary>When the rollup last wrote the figure: a snapshot is the state at this instant.</summary>
    public DateTimeOffset ComputedAt { get; private set; }

    public static DailyMetric Create(DateOnly day, string metric, string dimension, decimal value, DateTimeOffset computedAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(metric);
        ArgumentNullException.ThrowIfNull(dimension);
        return new DailyMetric { Day = day, Metric = metric, Dimension = dimension, Value = value, ComputedAt = computedAt };
    }

    public void Update(decimal value, DateTimeOffset computedAt)
    {
        Value = value;
        ComputedAt = computedAt;
    }
}
