using System.ComponentModel.DataAnnotations;

namespace ProfilePortal.Domain.Quotas;

/// <summary>
/// The <c>Quota</c> section. <c>PROFILE_DEFAULT_QUOTA</c> sets <see cref="DefaultMonthlyLaunches"/>; the warning
/// thresholds follow seeds 000/001 (≤ 5 left or under 20 % of the limit).
/// </summary>
public sealed class QuotaOptions
{
    public const string SectionName = "Quota";

    /// <summary>Launches a month on the Free plan.</summary>
    [Range(0, 1_000_000)]
    public int DefaultMonthlyLaunches { get; set; } = 50;

    /// <summary>Warn when this many launches or fewer are left.</summary>
    [Range(0, 1_000_000)]
    public int WarnWhenAvailableAtMost { get; set; } = 5;

    /// <summary>Warn when less than this share of the limit is left, in percent.</summary>
    [Range(0, 100)]
    public int WarnWhenAvailableBelowPercent { get; set; } = 20;

    /// <summary>How long a computed snapshot may be served from memory (at most 30 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:30")]
    public TimeSpan SnapshotCacheDuration { get; set; } = TimeSpan.FromSeconds(15);
}
