using ProfilePortal.Domain.Alerts;
using Quartz;

namespace ProfilePortal.Infrastructure.Scheduling;

/// <summary>
/// Evaluates seed 002 §3's alert rules every few minutes. One run at a time per cluster, so a rule that starts firing
/// raises one alert and one email, never two.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class AlertsJob(AlertMonitor monitor) : IJob
{
    public static readonly JobKey Key = new("alerts", "sweeps");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await monitor.RunAsync(cancellationToken);
}
