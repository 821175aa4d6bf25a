using ProfilePortal.Domain.Admin;
using ProfilePortal.Domain.Common;
using ProfilePortal.Tests.Support;
using Quartz;

namespace ProfilePortal.Tests.Integration.Admin;

/// <summary>The jobs admin over Quartz's persistent store (scheduler not started): list, run now, pause, resume.</summary>
public sealed class JobAdminTests(PortalServices portal) : IClassFixture<PortalServices>
{
    private static readonly TriggerId OutboxTrigger = new("sweeps", "email-outbox-dispatch");

    private IJobAdmin Jobs => portal.Get<IJobAdmin>();

    [Fact]
    public async Task Every_job_is_listed_with_its_trigger_schedule_and_state()
    {
        var admin = await portal.AdminAsync();

        var overview = (await Jobs.ListAsync(admin.Id)).Value;

        Assert.True(overview.SchedulerEnabled);
        Assert.Equal(
            ["alerts", "billing-renewals", "dashboard-rollup", "email-outbox-dispatch", "pause-reminders", "quota-notice-sweep", "trial-reminders", "trial-rollout-kill-switch", "win-back-sweep"],
            overview.Jobs.Select(j => j.Id.Name));
        var outbox = overview.Jobs.Single(j => j.Id.Name == "email-outbox-dispatch");
        var trigger = Assert.Single(outbox.Triggers);
        Assert.Equal((OutboxTrigger, TimeSpan.FromSeconds(15), (string?)null), (trigger.Id, trigger.Interval, trigger.Cron));
        Assert.NotNull(trigger.NextFireAt);
        Assert.Null(outbox.LastRun);
    }

    [Fact]
    public async Task Pausing_and_resuming_a_trigger_changes_its_state_in_quartz_and_both_are_audited()
    {
        var admin = await portal.AdminAsync();
        var trigger = new TriggerId("sweeps", "win-back-sweep");
        var scheduler = await portal.Get<ISchedulerFactory>().GetScheduler();
        var key = new TriggerKey(trigger.Name, trigger.Group);

        Assert.True((await Jobs.PauseTriggerAsync(admin.Id, trigger)).Succeeded);
        var paused = await scheduler.GetTriggerState(key);
        var listed = (await Jobs.ListAsync(admin.Id)).Value.Jobs.Single(j => j.Id.Name == "win-back-sweep").Triggers.Single().State;
        Assert.True((await Jobs.ResumeTriggerAsync(admin.Id, trigger)).Succeeded);

        Assert.Equal((TriggerState.Paused, JobTriggerState.Paused), (paused, listed));
        Assert.Equal(TriggerState.Normal, await scheduler.GetTriggerState(key));
        Assert.Equal(
            [("job_trigger.paused", (Guid?)admin.Id), ("job_trigger.resumed", admin.Id)],
            await portal.AuditOfAsync("job_trigger", "sweeps.win-back-sweep"));
    }

    [Fact]
    public async Task Run_now_adds_a_one_off_trigger_for_the_job_and_is_audited()
    {
        var admin = await portal.AdminAsync();
        var scheduler = await portal.Get<ISchedulerFactory>().GetScheduler();
        var key = new JobKey("quota-notice-sweep", "sweeps");

        var ran = await Jobs.RunNowAsync(admin.Id, new JobId("sweeps", "quota-notice-sweep"));

        Assert.True(ran.Succeeded);
        var triggers = await scheduler.GetTriggersOfJob(key);
        Assert.Equal(2, triggers.Count);
        var oneOff = triggers.Single(t => t.Key.Name != "quota-notice-sweep");
        Assert.Equal(admin.Id.ToString(), oneOff.JobDataMap.GetString("portal.triggeredBy"));
        Assert.Equal([("job.run_now", (Guid?)admin.Id)], await portal.AuditOfAsync("job", "sweeps.quota-notice-sweep"));
    }

    [Fact]
    public async Task Unknown_jobs_and_triggers_are_not_found_and_not_audited()
    {
        var admin = await portal.AdminAsync();

        var results = new Result[]
        {
            await Jobs.RunNowAsync(admin.Id, new JobId("sweeps", "nope")),
            await Jobs.PauseTriggerAsync(admin.Id, new TriggerId("sweeps", "nope")),
            await Jobs.ResumeTriggerAsync(admin.Id, new TriggerId("sweeps", "nope")),
        };

        Assert.Equal([JobErrors.JobNotFound, JobErrors.TriggerNotFound, JobErrors.TriggerNotFound], results.Select(r => r.Errors.Single()));
        Assert.Empty(await portal.AuditOfAsync("job", "sweeps.nope"));
        Assert.Empty(await portal.AuditOfAsync("job_trigger", "sweeps.nope"));
    }

    [Fact]
    public async Task A_customer_may_not_list_run_pause_or_resume_and_quartz_is_untouched()
    {
        var customer = await portal.CustomerAsync();
        var scheduler = await portal.Get<ISchedulerFactory>().GetScheduler();
        var trigger = new TriggerId("sweeps", "pause-reminders");

        var forbidden = new Result[]
        {
            await Jobs.ListAsync(customer.Id),
            await Jobs.RunNowAsync(customer.Id, new JobId("sweeps", "pause-reminders")),
            await Jobs.PauseTriggerAsync(customer.Id, trigger),
            await Jobs.ResumeTriggerAsync(customer.Id, trigger),
        };

        Assert.All(forbidden, r => Assert.Equal(Error.Forbidden().Code, r.Errors.Single().Code));
        Assert.Equal(TriggerState.Normal, await scheduler.GetTriggerState(new TriggerKey(trigger.Name, trigger.Group)));
        Assert.Single(await scheduler.GetTriggersOfJob(new JobKey("pause-reminders", "sweeps")));
        Assert.Empty(await portal.AuditOfAsync("job_trigger", "sweeps.pause-reminders"));
    }
}
