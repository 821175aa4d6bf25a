using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ProfilePortal.Domain.Quotas;
using Quartz;

namespace ProfilePortal.Infrastructure.Scheduling;

/// <summary>
/// The low-quota sweep: every few minutes, email the members who asked for it when their organization's
/// launches run low or run out. One run at a time per cluster; the notices' unique index keeps overlapping or
/// repeated runs from emailing twice anyway.
/// </summary>
[DisallowConcurrentExecution]
internal sealed partial class QuotaNoticeSweepJob(
    QuotaNotifier notifier,
    IOptions<SchedulerOptions> options,
    ILogger<QuotaNoticeSweepJob> logger) : IJob
{
    public static readonly JobKey Key = new("quota-notice-sweep", "sweeps");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var result = await notifier.SweepAsync(options.Value.QuotaNoticeBatchSize, cancellationToken);
        if (result.Queued > 0)
        {
            LogRun(result.Organizations, result.Queued);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Quota notice sweep: {Organizations} organizations checked, {Queued} emails queued")]
    private partial void LogRun(int organizations, int queued);
}
