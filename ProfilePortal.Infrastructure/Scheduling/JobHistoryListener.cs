using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ProfilePortal.Domain.Admin;
using ProfilePortal.Domain.Common;
using Quartz;

namespace ProfilePortal.Infrastructure.Scheduling;

/// <summary>
/// Records every finished job run in <c>JobRuns</c> (start, duration, outcome, who ran it by hand) and keeps only the
/// newest <see cref="JobRun.KeptPerJob"/> of each job. Quartz keeps no history; see ADR-012. A failure to record is
/// logged and never fails the job.
/// </summary>
internal sealed partial class JobHistoryListener(IPortalDbContextFactory dbFactory, ILogger<JobHistoryListener> logger) : IJobListener
{
    /// <summary>The job data key "run now" sets to the admin's id, so the run records who asked for it.</summary>
    public const string TriggeredByKey = "portal.triggeredBy";

    public string Name => "portal-job-history";

    public async ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
    {
        var key = context.JobDetail.Key;
        var run = JobRun.Record(
            key.Group,
            key.Name,
            context.FireTimeUtc,
            context.JobRunTime,
            jobException is null ? null : jobException.GetBaseException().Message,
            TriggeredBy(context.Trigger.JobDataMap));
        try
        {
            await using var db = await dbFactory.CreateAsync(cancellationToken);
            db.JobRuns.Add(run);
            await db.SaveChangesAsync(cancellationToken);
            var keep = db.JobRuns
                .Where(r => r.JobGroup == key.Group && r.JobName == key.Name)
                .OrderByDescending(r => r.StartedAt)
                .ThenByDescending(r => r.Id)
                .Take(JobRun.KeptPerJob)
                .Select(r => r.Id);
            await db.JobRuns
                .Where(r => r.JobGroup == key.Group && r.JobName == key.Name && !keep.Contains(r.Id))
                .ExecuteDeleteAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogRecordFailed(logger, exception, key.ToString());
        }
    }

    private static Guid? TriggeredBy(JobDataMap data) =>
        data.TryGetValue(TriggeredByKey, out var value) && Guid.TryParse(value?.ToString(), out var id) ? id : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The run of job {JobKey} could not be recorded in the job history")]
    private static partial void LogRecordFailed(ILogger logger, Exception exception, string jobKey);
}
