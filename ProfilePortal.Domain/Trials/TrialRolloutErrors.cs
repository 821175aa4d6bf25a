using ProfilePortal.Domain.Common;

namespace ProfilePortal.Domain.Trials;

/// <summary>The expected refusals of a rollout change, with stable codes the admin page localizes.</summary>
public static class TrialRolloutErrors
{
    public static readonly Error StepInvalid = new("rollout.step_invalid", "The rollout moves in steps of 0, 20, 50 or 100 %.", "percentage");

    public static readonly Error ReasonRequired = new("rollout.reason_required", "Say why the rollout changes.", "reason");

    public static readonly Error ReasonTooLong = new("rollout.reason_too_long", "The reason is at most 500 characters.", "reason");

    public static readonly Error Unchanged = new("rollout.unchanged", "The rollout is already at this percentage.", "percentage");
}
