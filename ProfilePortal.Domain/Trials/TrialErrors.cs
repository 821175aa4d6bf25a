using ProfilePortal.Domain.Common;

namespace ProfilePortal.Domain.Trials;

/// <summary>The expected refusals of the trial flow, with stable codes the UI localizes.</summary>
public static class TrialErrors
{
    public static readonly Error NotOffered = new("trial.not_offered", "Trials are not offered at the moment.");

    public static readonly Error AlreadyUsed = new("trial.already_used", "You have already used your free trial. Choose a plan to continue.");

    public static readonly Error AlreadySubscribed = new("trial.already_subscribed", "Your organization already has a paid plan or a running trial.");

    public static readonly Error Blocked = new("trial.blocked", "A trial cannot be started for this account. Choose a plan or contact support.");

    public static readonly Error NoTrial = new("trial.none", "There is no running trial to cancel.");

    public static readonly Error AlreadyCancelled = new("trial.already_cancelled", "The trial is already cancelled; nothing will be charged.");

    public static readonly Error AlreadyConverted = new(
        "trial.already_converted", "The trial has already turned into a paid subscription. You can cancel the subscription on the billing page.");

    public static readonly Error Changed = new("trial.changed", "Your subscription changed a moment ago. Refresh the page and try again.");
}
