using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ProfilePortal.Domain.Notifications;
using Quartz;

namespace ProfilePortal.Infrastructure.Scheduling;

/// <summary>
/// The outbox sweep: every few seconds, send what is due. One run at a time per cluster; the dispatcher's
/// leases keep overlapping runs safe anyway, this only saves them the race.
/// </summary>
[DisallowConcurrentExecution]
internal sealed partial class EmailOutboxDispatchJob(
    EmailDispatcher dispatcher,
    IOptions<SchedulerOptions> options,
    ILogger<EmailOutboxDispatchJob> logger) : IJob
{
    public static readonly JobKey Key = new("email-outbox-dispatch", "sweeps");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var result = await dispatcher.DispatchDueAsync(options.Value.OutboxBatchSize, cancellationToken);
        if (result.Processed > 0)
        {
            LogRun(result.Sent, result.Retrying, result.Failed);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Email outbox sweep: {Sent} sent, {Retrying} to retry, {Failed} failed for good")]
    private partial void LogRun(int sent, int retrying, int failed);
}
