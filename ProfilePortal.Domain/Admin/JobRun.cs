namespace ProfilePortal.Domain.Admin;

/// <summary>
/// One finished run of a background job, as the scheduler's job listener saw it: when it started, how long it took
/// and how it ended. Quartz keeps no history of its own; only the newest <see cref="KeptPerJob"/> runs of each job
/// are kept.
/// </summary>
public sealed class JobRun
{
    public const int KeptPerJob = 20;

    public const int ErrorMaxLength = 1000;

    private JobRun()
    {
    }

    public Guid Id { get; private set; }

    public string JobGroup { get; private set; } = string.Empty;

    public string JobName { get; private set; } = string.Empty;

    public DateTimeOffset StartedAt { get; private set; }

    public TimeSpan Duration { get; private set; }

    public bool Succeeded { get; private set; }

    /// <summary>The failure's message (never a stack trace), at most <see cref="ErrorMaxLength"/> characters.</summary>
    public string? Error { get; private set; }

    /// <summary>The admin who asked for this run with "run now"; null for a scheduled run.</summary>
    public Guid? TriggeredByUserId { get; private set; }

    public static JobRun Record(
        string jobGroup, string jobName, DateTimeOffset startedAt, TimeSpan duration, string? error, Guid? triggeredByUserId) => new()
        {
            Id = Guid.CreateVersion7(startedAt),
            JobGroup = jobGroup,
            JobName = jobName,
            StartedAt = startedAt,
            Duration = duration < TimeSpan.Zero ? TimeSpan.Zero : duration,
            Succeeded = error is null,
            Error = error is null ? null : error.Length <= ErrorMaxLength ? error : error[..ErrorMaxLength],
            TriggeredByUserId = triggeredByUserId,
        };
}
