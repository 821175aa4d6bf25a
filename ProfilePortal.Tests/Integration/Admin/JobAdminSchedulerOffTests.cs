using ProfilePortal.Domain.Admin;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Admin;

/// <summary>The jobs admin on a node that runs no scheduler (<c>Scheduler:Enabled=false</c>).</summary>
public sealed class JobAdminSchedulerOffTests(JobAdminSchedulerOffTests.SchedulerOffServices portal) : IClassFixture<JobAdminSchedulerOffTests.SchedulerOffServices>
{
    [Fact]
    public async Task The_list_says_the_scheduler_is_off_and_the_actions_are_refused()
    {
        var admin = await portal.AdminAsync();
        var jobs = portal.Get<IJobAdmin>();

        var overview = (await jobs.ListAsync(admin.Id)).Value;
        var ran = await jobs.RunNowAsync(admin.Id, new JobId("sweeps", "win-back-sweep"));
        var paused = await jobs.PauseTriggerAsync(admin.Id, new TriggerId("sweeps", "win-back-sweep"));

        Assert.Equal((false, 0), (overview.SchedulerEnabled, overview.Jobs.Count));
        Assert.Equal([JobErrors.SchedulerOff, JobErrors.SchedulerOff], new[] { ran, paused }.Select(r => r.Errors.Single()));
        Assert.Empty(await portal.AuditOfAsync("job", "sweeps.win-back-sweep"));
    }

    /// <summary>The services of a node with the scheduler switched off.</summary>
    public sealed class SchedulerOffServices : PortalServices
    {
        protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?> { ["Scheduler:Enabled"] = "false" };
    }
}
