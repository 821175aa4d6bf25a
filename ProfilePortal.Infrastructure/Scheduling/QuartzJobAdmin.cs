using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ProfilePortal.Domain.Admin;
using ProfilePortal.Domain.Audit;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Identity;
using Quartz;

namespace ProfilePortal.Infrastructure.Scheduling;

/// <summary>
/// <see cref="IJobAdmin"/> over the Quartz scheduler: jobs, triggers and states from Quartz's own store, runs from the
/// <c>JobRuns</c> history. Without a scheduler (<c>Scheduler:Enabled</c> off) it lists nothing and refuses the actions.
/// </summary>
internal sealed partial class QuartzJobAdmin(
    IPortalDbContextFactory dbFactory,
    TimeProvider clock,
    ILogger<QuartzJobAdmin> logger,
    ISchedulerFactory? schedulers = null) : IJobAdmin
{
    public async Task<Result<JobOverview>> ListAsync(Guid adminId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (await DeniedAsync(db, adminId, "list the jobs", cancellationToken) is { } denied)
        {
            return denied;
        }

        if (schedulers is null)
        {
            return new JobOverview(false, []);
        }

        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var keys = (await scheduler.GetJobKeys(GroupMatcher<JobKey>.AnyGroup(), cancellationToken))
            .OrderBy(k => k.Group, StringComparer.Ordinal)
            .ThenBy(k => k.Name, StringComparer.Ordinal)
            .ToList();
        var runs = await RunsAsync(db, keys, cancellationToken);
        var jobs = new List<JobView>(keys.Count);
        foreach (var key in keys)
        {
            var detail = await scheduler.GetJobDetail(key, cancellationToken);
            var triggers = new List<JobTriggerView>();
            foreach (var trigger in (await scheduler.GetTriggersOfJob(key, cancellationToken)).OrderBy(t => t.Key.Name, StringComparer.Ordinal))
            {
                var state = await scheduler.GetTriggerState(trigger.Key, cancellationToken);
                triggers.Add(new JobTriggerView(
                    new TriggerId(trigger.Key.Group, trigger.Key.Name),
                    Map(state),
                    (trigger as ISimpleTrigger)?.RepeatInterval,
                    (trigger as ICronTrigger)?.CronExpressionString,
                    trigger.NextFireTimeUtc,
                    trigger.PreviousFireTimeUtc));
            }

            jobs.Add(new JobView(new JobId(key.Group, key.Name), detail?.Description, triggers, runs[(key.Group, key.Name)].ToList()));
        }

        return new JobOverview(true, jobs);
    }

    public async Task<Result> RunNowAsync(Guid adminId, JobId job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        return await ActAsync(adminId, "run a job", "job.run_now", "job", job.ToString(), async scheduler =>
        {
            var key = new JobKey(job.Name, job.Group);
            if (!await scheduler.Exists(key, cancellationToken))
            {
                return JobErrors.JobNotFound;
            }

            await scheduler.TriggerJob(key, new JobDataMap { [JobHistoryListener.TriggeredByKey] = adminId.ToString() }, cancellationToken);
            return null;
        }, cancellationToken);
    }

    public Task<Result> PauseTriggerAsync(Guid adminId, TriggerId trigger, CancellationToken cancellationToken = default) =>
        ChangeTriggerAsync(adminId, trigger, pause: true, cancellationToken);

    public Task<Result> ResumeTriggerAsync(Guid adminId, TriggerId trigger, CancellationToken cancellationToken = default) =>
        ChangeTriggerAsync(adminId, trigger, pause: false, cancellationToken);

    private Task<Result> ChangeTriggerAsync(Guid adminId, TriggerId trigger, bool pause, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        return ActAsync(
            adminId,
            pause ? "pause a trigger" : "resume a trigger",
            pause ? "job_trigger.paused" : "job_trigger.resumed",
            "job_trigger",
            trigger.ToString(),
            async scheduler =>
            {
                var key = new TriggerKey(trigger.Name, trigger.Group);
                if (!await scheduler.Exists(key, cancellationToken))
                {
                    return JobErrors.TriggerNotFound;
                }

                if (pause)
                {
                    await scheduler.PauseTrigger(key, cancellationToken);
                }
                else
                {
                    await scheduler.ResumeTrigger(key, cancellationToken);
                }

                return null;
            },
            cancellationToken);
    }

    /// <summary>Checks the admin, applies <paramref name="act"/> to the scheduler, then audits it.</summary>
    private async Task<Result> ActAsync(
        Guid adminId, string operation, string action, string targetType, string targetId, Func<IScheduler, Task<Error?>> act, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (await DeniedAsync(db, adminId, operation, cancellationToken) is { } denied)
        {
            return denied;
        }

        if (schedulers is null)
        {
            return JobErrors.SchedulerOff;
        }

        if (await act(await schedulers.GetScheduler(cancellationToken)) is { } refused)
        {
            return refused;
        }

        // Quartz's store and the audit trail are written separately: the action has happened, so it is recorded.
        db.AuditEntries.Add(AuditEntry.Record(adminId, action, targetType, targetId, null, JsonSerializer.Serialize(new { }), clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        LogAction(logger, adminId, action, targetId);
        return Result.Success();
    }

    private static async Task<ILookup<(string Group, string Name), JobRunView>> RunsAsync(IPortalDbContext db, List<JobKey> keys, CancellationToken cancellationToken)
    {
        var groups = keys.Select(k => k.Group).Distinct().ToList();
        var names = keys.Select(k => k.Name).Distinct().ToList();
        var rows = await db.JobRuns.AsNoTracking()
            .Where(r => groups.Contains(r.JobGroup) && names.Contains(r.JobName))
            .OrderByDescending(r => r.StartedAt)
            .ThenByDescending(r => r.Id)
            .Select(r => new
            {
                r.JobGroup,
                r.JobName,
                View = new JobRunView(
                    r.StartedAt, r.Duration, r.Succeeded, r.Error, db.Users.Where(u => u.Id == r.TriggeredByUserId).Select(u => u.Email).FirstOrDefault()),
            })
            .ToListAsync(cancellationToken);
        return rows.ToLookup(r => (r.JobGroup, r.JobName), r => r.View);
    }

    private static JobTriggerState Map(TriggerState state) => state switch
    {
        TriggerState.Normal => JobTriggerState.Normal,
        TriggerState.Paused => JobTriggerState.Paused,
        TriggerState.Blocked => JobTriggerState.Blocked,
        TriggerState.Error => JobTriggerState.Error,
        TriggerState.Complete => JobTriggerState.Complete,
        _ => JobTriggerState.None,
    };

    private async Task<Error?> DeniedAsync(IPortalDbContext db, Guid userId, string operation, CancellationToken cancellationToken)
    {
        if (await SiteAdmins.IsAdminAsync(db, userId, cancellationToken))
        {
            return null;
        }

        LogForbidden(logger, userId, operation);
        return Error.Forbidden();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin {AdminId}: {Action} {Target}")]
    private static partial void LogAction(ILogger logger, Guid adminId, string action, string target);

    [LoggerMessage(Level = LogLevel.Warning, Message = "User {UserId} is not an admin and may not {Operation}")]
    private static partial void LogForbidden(ILogger logger, Guid userId, string operation);
}
