using ProfilePortal.Domain.Retention;
using Quartz;

namespace ProfilePortal.Infrastructure.Scheduling;

/// <summary>
/// The pause reminder sweep: queues the email due a few days before a pause ends. One run at a time per cluster;
/// each reminder is recorded with its email in one save, so a repeated run sends nothing twice.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class PauseReminderSweepJob(PauseReminderService reminders) : IJob
{
    public static readonly JobKey Key = new("pause-reminders", "sweeps");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await reminders.RunAsync(cancellationToken);
}
