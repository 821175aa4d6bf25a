using ProfilePortal.Domain.Common;

namespace ProfilePortal.Domain.Admin;

/// <summary>The expected refusals of moving a subscription to another organization, with stable codes the UI localizes.</summary>
public static class SubscriptionMoveErrors
{
    public static readonly Error SourceNotFound = Error.NotFound("organization");

    public static readonly Error TargetRequired = Error.Validation("target", "Choose the organization that receives the subscription.");

    public static readonly Error TargetNotFound = new("subscription_move.target_not_found", "The target organization does not exist or was deleted.", "target");

    public static readonly Error SameOrganization = new("subscription_move.same_organization", "The subscription already belongs to this organization.", "target");

    public static readonly Error NothingToMove = new("subscription_move.free", "The organization is on the Free plan: there is no subscription to move.");

    public static readonly Error CancelsAtPeriodEnd = new(
        "subscription_move.cancelling", "The subscription is cancelled at the end of its period. Take the cancellation back before moving it.");

    public static readonly Error PaymentPending = new(
        "subscription_move.payment_pending", "A payment of this subscription is still pending. Move it once that payment has succeeded or failed.");

    public static readonly Error TargetHasPlan = new(
        "subscription_move.target_has_plan", "The target organization has a plan of its own (not Free). Only an organization on Free can receive a subscription.", "target");

    public static readonly Error TargetHasHistory = new(
        "subscription_move.target_has_history",
        "The target organization has billing history of its own (payments, a trial or a cancellation). Only an organization that never had one can receive a subscription.",
        "target");

    public static readonly Error ReasonRequired = Error.Validation("reason", "Say why the subscription is moved.");

    public static readonly Error ReasonTooLong = Error.Validation("reason", $"A reason is at most {SubscriptionMoveService.ReasonMaxLength} characters.");

    public static readonly Error Changed = new("subscription_move.changed", "The subscription or the target changed a moment ago. Check them and try again.");
}
