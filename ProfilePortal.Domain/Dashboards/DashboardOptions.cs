using System.ComponentModel.DataAnnotations;

namespace ProfilePortal.Domain.Dashboards;

/// <summary>The <c>Dashboard</c> section: how far back the rollup reaches (ADR-017).</summary>
public sealed class DashboardOptions
{
    public const string SectionName = "Dashboard";

    /// <summary>On the first run (no figures stored yet), how many days of history to compute from the stored events.</summary>
    [Range(1, 3660)]
    public int BackfillDays { get; set; } = 366;

    /// <summary>
    /// How many days back every run recomputes, today included, so late outcomes (an email sent on its third try, a
    /// cancellation flow finished the next day, a save that held for 30 days) reach the day they belong to. At least 32,
    /// so a save is counted the day its 30-day window closes.
    /// </summary>
    [Range(32, 400)]
    public int RecomputeDays { get; set; } = 35;
}
