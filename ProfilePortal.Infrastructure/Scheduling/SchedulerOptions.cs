using System.ComponentModel.DataAnnotations;

namespace ProfilePortal.Infrastructure.Scheduling;

/// <summary>The <c>Scheduler</c> section: the Quartz scheduler that runs the sweep jobs.</summary>
public sealed class SchedulerOptions
{
    public const string SectionName = "Scheduler";

    /// <summary>Off for a node that serves pages only, or in tests that drive the jobs themselves.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// SQL Server only: share the work with every other node on the same database. SQLite always runs a
    /// single node, because Quartz refuses to cluster it.
    /// </summary>
    public bool Clustered { get; set; } = true;

    /// <summary>SQL Server clustered only: how often each node records in the database that it is alive.</summary>
    [Range(1, 300)]
    public int ClusterCheckinSeconds { get; set; } = 10;

    /// <summary>
    /// SQL Server clustered only: how long past a missed check-in the other nodes wait before they take over a
    /// node's running jobs. Above the longest pause a live node may have (GC, VM move, database failover), or a
    /// paused node's job runs twice.
    /// </summary>
    [Range(5, 3600)]
    public int ClusterCheckinMisfireSeconds { get; set; } = 60;

    /// <summary>The scheduler's name; nodes of one cluster must use the same name.</summary>
    [Required]
    [RegularExpression(@"^[A-Za-z0-9_.-]{1,100}$", ErrorMessage = "Use letters, digits, '.', '_' or '-' (at most 100).")]
    public string InstanceName { get; set; } = "ProfilePortal";

    /// <summary>
    /// SQL Server only: create Quartz's tables when they are missing. Off by default, because production
    /// applies <c>deploy/sql/quartz-sqlserver.sql</c> as a deployment step; SQLite always creates them.
    /// </summary>
    public bool CreateSchemaIfMissing { get; set; }

    /// <summary>How often the email outbox is swept.</summary>
    [Range(1, 3600)]
    public int OutboxSweepSeconds { get; set; } = 15;

    /// <summary>How many outbox messages one dispatcher query takes at a time.</summary>
    [Range(1, 1000)]
    public int OutboxBatchSize { get; set; } = 50;

    /// <summary>How often the renewal sweep looks for subscriptions whose period has ended.</summary>
    [Range(5, 86400)]
    public int RenewalSweepSeconds { get; set; } = 60;

    /// <summary>How often the trial reminder sweep looks for trials 24 hours and 1 hour before conversion.</summary>
    [Range(5, 3600)]
    public int TrialReminderSweepSeconds { get; set; } = 60;

    /// <summary>How often the pause reminder sweep looks for pauses that end within <c>Retention:PauseReminderLead</c>.</summary>
    [Range(1, 1440)]
    public int PauseReminderSweepMinutes { get; set; } = 15;

    /// <summary>How often the trial rollout's kill switch measures the trial conversion charges' error rate.</summary>
    [Range(1, 1440)]
    public int TrialRolloutCheckMinutes { get; set; } = 5;

    /// <summary>How often the alert rules of seed 002 §3 are evaluated.</summary>
    [Range(1, 1440)]
    public int AlertsCheckMinutes { get; set; } = 5;

    /// <summary>How often the win-back sweep looks for cancellations whose email is due.</summary>
    [Range(1, 1440)]
    public int WinBackSweepMinutes { get; set; } = 15;

    /// <summary>How often the dashboards' daily figures are recomputed from the stored events (the first run is at start-up).</summary>
    [Range(1, 1440)]
    public int DashboardRollupMinutes { get; set; } = 60;

    /// <summary>How often organizations with new launches are checked for the low-quota email.</summary>
    [Range(1, 1440)]
    public int QuotaNoticeSweepMinutes { get; set; } = 5;

    /// <summary>How many usage events the low-quota sweep reads at a time.</summary>
    [Range(1, 10000)]
    public int QuotaNoticeBatchSize { get; set; } = 500;
}
