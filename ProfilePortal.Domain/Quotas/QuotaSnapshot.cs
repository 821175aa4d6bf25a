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

/// <summary>Why launches cannot be consumed now.</summary>
public enum QuotaBlock
{
    /// <summary>Launches may be consumed.</summary>
    None = 0,

    /// <summary>Nothing left until the reset or a top-up.</summary>
    Exhausted = 1,

    /// <summary>The subscription is paused: access is read-only until it resumes, whatever is left.</summary>
    Paused = 2,
}

/// <summary>
/// An organization's launch quota at one instant. <paramref name="PausedUntil"/> is set while the subscription is
/// paused: nothing may be consumed until then (see <see cref="Block"/>).
/// </summary>
public sealed record QuotaSnapshot(
    int PlanAllowance,
    int Granted,
    int Purchased,
    int Used,
    DateTimeOffset PeriodStart,
    DateTimeOffset ResetsAt,
    QuotaLevel Level,
    DateTimeOffset? TrialEndsAt = null,
    DateTimeOffset? PausedUntil = null)
{
    /// <summary>Whether the plan allowance is a trial's (it ends at <see cref="TrialEndsAt"/> unless the trial converts).</summary>
    public bool IsTrial => TrialEndsAt is not null;

    /// <summary>Whether the subscription is paused: launches are refused until <see cref="PausedUntil"/>.</summary>
    public bool IsPaused => PausedUntil is not null;

    /// <summary>What stops a launch now, the pause first (topping up does not help then).</summary>
    public QuotaBlock Block => IsPaused ? QuotaBlock.Paused : Available == 0 ? QuotaBlock.Exhausted : QuotaBlock.None;

    /// <summary>Whether a launch may be consumed now: not paused and something left.</summary>
    public bool CanConsume => Block == QuotaBlock.None;

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
