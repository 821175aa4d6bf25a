using ProfilePortal.Domain.Trials;
using Quartz;

namespace ProfilePortal.Infrastructure.Scheduling;

/// <summary>
/// The trial reminder sweep: queues the emails due 24 hours and 1 hour before trials convert. One run at a time
/// per cluster; each reminder is recorded with its email in one save, so a repeated run sends nothing twice.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class TrialReminderSweepJob(TrialReminderService reminders) : IJob
{
    public static readonly JobKey Key = new("trial-reminders", "sweeps");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await reminders.RunAsync(cancellationToken);
}
