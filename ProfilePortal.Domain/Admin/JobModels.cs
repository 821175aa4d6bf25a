namespace ProfilePortal.Domain.Admin;

/// <summary>A background job's identity in the scheduler.</summary>
public sealed record JobId(string Group, string Name)
{
    public override string ToString() => $"{Group}.{Name}";
}

/// <summary>A trigger's identity in the scheduler.</summary>
public sealed record TriggerId(string Group, string Name)
{
    public override string ToString() => $"{Group}.{Name}";
}

/// <summary>A trigger's state, as the scheduler reports it.</summary>
public enum JobTriggerState
{
    /// <summary>Fires on schedule.</summary>
    Normal = 0,

    /// <summary>Paused by an admin: does not fire until resumed.</summary>
    Paused = 1,

    /// <summary>Waiting for a running instance of a job that runs one at a time.</summary>
    Blocked = 2,

    /// <summary>The scheduler could not fire it (e.g. the job class is missing).</summary>
    Error = 3,

    /// <summary>Will not fire again.</summary>
    Complete = 4,

    /// <summary>Unknown to the scheduler.</summary>
    None = 5,
}

/// <summary>A job as the admin jobs page shows it: its triggers and its recent runs, newest first.</summary>
public sealed record JobView(JobId Id, string? Description, IReadOnlyList<JobTriggerView> Triggers, IReadOnlyList<JobRunView> Runs)
{
    public JobRunView? LastRun => Runs.Count > 0 ? Runs[0] : null;
}

/// <summary>A trigger of a job: its schedule (an interval or a cron expression), state and fire times.</summary>
public sealed record JobTriggerView(
    TriggerId Id, JobTriggerState State, TimeSpan? Interval, string? Cron, DateTimeOffset? NextFireAt, DateTimeOffset? PreviousFireAt);

/// <summary>A finished run of a job.</summary>
/// <param name="TriggeredBy">The email of the admin who ran it by hand; null for a scheduled run.</param>
public sealed record JobRunView(DateTimeOffset StartedAt, TimeSpan Duration, bool Succeeded, string? Error, string? TriggeredBy);

/// <summary>Every job of the scheduler; <paramref name="SchedulerEnabled"/> is false on a node that runs none.</summary>
public sealed record JobOverview(bool SchedulerEnabled, IReadOnlyList<JobView> Jobs);
