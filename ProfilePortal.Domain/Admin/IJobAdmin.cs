using ProfilePortal.Domain.Common;

namespace ProfilePortal.Domain.Admin;

/// <summary>
/// The admins' view of the background jobs: every job with its triggers and recent runs, and the actions run now,
/// pause a trigger and resume it. Admins only, checked in the database on every call; every action is audited.
/// The scheduler lives in Infrastructure; this keeps its types out of the pages.
/// </summary>
public interface IJobAdmin
{
    /// <summary>Every job, ordered by group and name, with its triggers and its newest runs first.</summary>
    Task<Result<JobOverview>> ListAsync(Guid adminId, CancellationToken cancellationToken = default);

    /// <summary>Fires <paramref name="job"/> once now, besides its schedule; the run records the admin.</summary>
    Task<Result> RunNowAsync(Guid adminId, JobId job, CancellationToken cancellationToken = default);

    /// <summary>Stops <paramref name="trigger"/> from firing until it is resumed; the job can still be run by hand.</summary>
    Task<Result> PauseTriggerAsync(Guid adminId, TriggerId trigger, CancellationToken cancellationToken = default);

    /// <summary>Lets a paused <paramref name="trigger"/> fire again; fires missed meanwhile follow the trigger's misfire rule.</summary>
    Task<Result> ResumeTriggerAsync(Guid adminId, TriggerId trigger, CancellationToken cancellationToken = default);
}
