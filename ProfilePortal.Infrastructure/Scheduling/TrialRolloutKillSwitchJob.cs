using ProfilePortal.Domain.Trials;
using Quartz;

namespace ProfilePortal.Infrastructure.Scheduling;

/// <summary>
/// The trial rollout's kill switch: every few minutes, measure the trial conversion charges' error rate and stop the
/// rollout when it is above the threshold. One run at a time per cluster, so two nodes never stop it (and alert the
/// admins) twice; a run that finds the rollout at 0 % does nothing.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class TrialRolloutKillSwitchJob(TrialRolloutKillSwitch killSwitch) : IJob
{
    public static readonly JobKey Key = new("trial-rollout-kill-switch", "sweeps");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await killSwitch.RunAsync(cancellationToken);
}
