using ProfilePortal.Domain.Payments;
using Quartz;

namespace ProfilePortal.Infrastructure.Scheduling;

/// <summary>
/// The renewal sweep: charges what is due, in batches, and ends subscriptions cancelled for the period end.
/// One run at a time per cluster; each charge is keyed by subscription + period, so even an overlapping or
/// repeated run charges nothing twice. Each run first voids the card bindings' holds whose void did not get
/// through (a bounded batch, so the renewals never wait long behind it).
/// </summary>
[DisallowConcurrentExecution]
internal sealed class RenewalSweepJob(RenewalService renewals, CardBindingService cardBindings) : IJob
{
    public static readonly JobKey Key = new("billing-renewals", "sweeps");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        await cardBindings.ReleaseDueHoldsAsync(cancellationToken);
        await renewals.RunAsync(cancellationToken);
    }
}
