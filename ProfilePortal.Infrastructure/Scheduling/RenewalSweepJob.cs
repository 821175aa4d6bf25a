using ProfilePortal.Domain.Payments;
using Quartz;

namespace ProfilePortal.Infrastructure.Scheduling;

/// <summary>
/// The renewal sweep: charges what is due, in batches, and ends subscriptions cancelled for the period end.
/// One run at a time per cluster; each charge is keyed by subscription + period, so even an overlapping or
/// repeated run charges nothing twice.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class RenewalSweepJob(RenewalService renewals) : IJob
{
    public static readonly JobKey Key = new("billing-renewals", "sweeps");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await renewals.RunAsync(cancellationToken);
}
