using ProfilePortal.Domain.Dashboards;
using Quartz;

namespace ProfilePortal.Infrastructure.Scheduling;

/// <summary>
/// Rolls the stored events up into the dashboards' daily figures (ADR-017). One run at a time per cluster: two runs
/// would compute the same figures and the second save would only repeat the first.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class DashboardRollupJob(DashboardRollup rollup) : IJob
{
    public static readonly JobKey Key = new("dashboard-rollup", "sweeps");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await rollup.RunAsync(cancellationToken);
}
