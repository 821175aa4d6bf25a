using Microsoft.EntityFrameworkCore;
using ProfilePortal.Domain.Admin;
using ProfilePortal.Domain.Common;
using ProfilePortal.Tests.Support;
using Quartz;

namespace ProfilePortal.Tests.Integration.Admin;

/// <summary>The job history as a running scheduler records it through the global job listener.</summary>
public sealed class JobHistoryTests(PortalServices portal) : IClassFixture<PortalServices>
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(30);
    private static readonly DateTimeOffset OldRunsStart = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_run_now_is_recorded_with_its_admin_and_a_failing_run_with_its_message_keeping_the_newest_runs_only()
    {
        var admin = await portal.AdminAsync();
        var jobs = portal.Get<IJobAdmin>();
        var scheduler = await portal.Get<ISchedulerFactory>().GetScheduler();
        var failing = new JobKey("always-fails", "tests");
        await scheduler.AddJob(JobBuilder.Create<AlwaysFailingJob>().WithIdentity(failing).StoreDurably().Build(), AddJobOptions.Replacing);
        await SeedOldRunsAsync("sweeps", "trial-reminders", JobRun.KeptPerJob + 5);
        var finished = new RunsFinished(new JobKey("trial-reminders", "sweeps"), failing);
        scheduler.ListenerManager.AddJobListener(finished);
        await scheduler.Start();

        try
        {
            Assert.True((await jobs.RunNowAsync(admin.Id, new JobId("sweeps", "trial-reminders"))).Succeeded);
            await scheduler.TriggerJob(failing);
            await finished.All.WaitAsync(RunTimeout);
        }
        finally
        {
            await scheduler.Standby();
        }

        var overview = (await jobs.ListAsync(admin.Id)).Value;
        var reminders = overview.Jobs.Single(j => j.Id.Name == "trial-reminders");
        var manual = reminders.Runs.First(r => r.TriggeredBy is not null);
        Assert.Equal((true, admin.Email, (string?)null), (manual.Succeeded, manual.TriggeredBy, manual.Error));
        Assert.True(manual.StartedAt.Year > 2020 && manual.Duration >= TimeSpan.Zero, $"{manual.StartedAt:O} {manual.Duration}");
        Assert.Equal(JobRun.KeptPerJob, reminders.Runs.Count);
        // 25 old runs and at least the new one: the five oldest (and more, if the schedule fired too) are gone.
        Assert.DoesNotContain(reminders.Runs, r => r.StartedAt < OldRunsStart.AddMinutes(6));
        var failed = Assert.Single(overview.Jobs.Single(j => j.Id == new JobId("tests", "always-fails")).Runs);
        Assert.Equal((false, "The mail server is down.", (string?)null), (failed.Succeeded, failed.Error, failed.TriggeredBy));
    }

    private async Task SeedOldRunsAsync(string group, string name, int count)
    {
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        for (var i = 0; i < count; i++)
        {
            db.JobRuns.Add(JobRun.Record(group, name, OldRunsStart.AddMinutes(i), TimeSpan.FromSeconds(1), null, null));
        }

        await db.SaveChangesAsync();
    }

    /// <summary>Completes once each of the jobs finished a run after it was added, manual runs of the first one included.</summary>
    private sealed class RunsFinished(JobKey manualJob, JobKey failingJob) : IJobListener
    {
        private readonly TaskCompletionSource _manual = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _failed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Name => "test-runs-finished";

        public Task All => Task.WhenAll(_manual.Task, _failed.Task);

        public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
        {
            if (context.JobDetail.Key.Equals(manualJob) && context.Trigger.JobDataMap.ContainsKey("portal.triggeredBy"))
            {
                _manual.TrySetResult();
            }
            else if (context.JobDetail.Key.Equals(failingJob))
            {
                _failed.TrySetResult();
            }

            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>A job that always fails, to see a failed run recorded.</summary>
public sealed class AlwaysFailingJob : IJob
{
    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("The mail server is down.");
}
