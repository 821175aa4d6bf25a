namespace ProfilePortal.Domain.Quotas;

public enum QuotaLevel
{
    /// <summary>Plenty left.</summary>
    Ok = 0,

    /// <summary>At or under a warning threshold: show the warning and the "Buy" CTA.</summary>
    Low = 1,

    /// <summary>Nothing left until the reset or a top-up.</summary>
    Exhausted = 2,
}

/// <summary>An organization's launch quota at one instant.</summary>
public sealed record QuotaSnapshot(
    int PlanAllowance,
    int Granted,
    int Purchased,
    int Used,
    DateTimeOffset PeriodStart,
    DateTimeOffset ResetsAt,
    QuotaLevel Level,
    DateTimeOffset? TrialEndsAt = null)
{
    /// <summary>Whether the plan allowance is a trial's (it ends at <see cref="TrialEndsAt"/> unless the trial converts).</summary>
    public bool IsTrial => TrialEndsAt is not null;

    public int Limit => PlanAllowance + Granted + Purchased;

    public int Available => Math.Max(0, Limit - Used);

    /// <summary>Share of the limit used, 0–100, for the progress bar.</summary>
    public double PercentUsed => Limit == 0 ? 100 : Math.Min(100, Used * 100.0 / Limit);

    /// <summary>Applies the thresholds: exhausted at 0; low at or under the count or under the share.</summary>
    public static QuotaLevel LevelFor(int limit, int used, QuotaOptions options)
    {
        var available = Math.Max(0, limit - used);
        if (available == 0)
        {
            return QuotaLevel.Exhausted;
        }

        var belowShare = available * 100L < (long)limit * options.WarnWhenAvailableBelowPercent;
        return available <= options.WarnWhenAvailableAtMost || belowShare ? QuotaLevel.Low : QuotaLevel.Ok;
    }
}
