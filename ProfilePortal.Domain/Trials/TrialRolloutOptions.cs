using System.ComponentModel.DataAnnotations;

namespace ProfilePortal.Domain.Trials;

/// <summary>The staged trial rollout's measurement windows and kill switch (section <c>Trials:Rollout</c>).</summary>
public sealed class TrialRolloutOptions
{
    public const string SectionName = "Trials:Rollout";

    /// <summary>How far back the go criteria and the funnel figures look (seed 002 watches each step 5–7 days).</summary>
    [Range(typeof(TimeSpan), "01:00:00", "90.00:00:00")]
    public TimeSpan CriteriaWindow { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// How far back the kill switch looks at conversion charges. Never before the rollout's last change: an
    /// admin who raises it again after a stop has looked at the failures that caused it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:05:00", "30.00:00:00")]
    public TimeSpan KillWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The conversion-charge error rate, in percent, above which the rollout goes to 0 % (seed 002: 10 %).</summary>
    [Range(0.0, 100.0)]
    public double KillThresholdPercent { get; set; } = 10;

    /// <summary>The fewest conversion-charge outcomes in the window the switch acts on, so one decline of two stops nothing.</summary>
    [Range(1, 100_000)]
    public int KillMinimumAttempts { get; set; } = 10;
}
