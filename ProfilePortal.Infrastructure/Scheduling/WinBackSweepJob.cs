using ProfilePortal.Domain.Retention;
using Quartz;

namespace ProfilePortal.Infrastructure.Scheduling;

/// <summary>
/// The win-back sweep: every few minutes, queue the win-back emails that fell due. One run at a time per cluster;
/// each step is recorded with its email under the row's version, so an overlapping or repeated run sends nothing twice.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class WinBackSweepJob(WinBackService winBacks) : IJob
{
    public static readonly JobKey Key = new("win-back-sweep", "sweeps");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await winBacks.SendDueAsync(cancellationToken);
}
