using ProfilePortal.Domain.Common;

namespace ProfilePortal.Domain.Retention;

/// <summary>The expected failures of the cancellation flow, with stable codes the UI localizes.</summary>
public static class CancellationErrors
{
    public static readonly Error ReasonRequired = new("cancellation.reason_required", "Choose why you are cancelling.", "reason");

    public static readonly Error OtherTextRequired = new("cancellation.other_text_required", "Tell us in a few words why you are cancelling.", "otherText");

    public static readonly Error OtherTextTooLong = new(
        "cancellation.other_text_too_long", $"Keep it under {CancellationFeedback.OtherTextMaxLength} characters.", "otherText");

    public static readonly Error NothingToCancel = new("cancellation.nothing_to_cancel", "There is no paid plan to cancel.");

    public static readonly Error Trial = new("cancellation.trial", "A trial is cancelled on its own page.");

    public static readonly Error AlreadyCancelled = new(
        "cancellation.already_cancelled", "The subscription is already cancelled for the end of the period. Nothing changed.");

    public static readonly Error Paused = new(
        "cancellation.paused", "The subscription is paused. Resume it first: that charges nothing before the period end, then you can cancel.");

    public static readonly Error FlowNotFound = new("cancellation.flow_not_found", "This cancellation was not found. Start again.");

    public static readonly Error FlowEnded = new("cancellation.flow_ended", "This cancellation was already decided. Nothing changed.");

    public static readonly Error OfferNotShown = new("cancellation.offer_not_shown", "This offer was not made to you. Nothing changed.");

    public static readonly Error OfferUnavailable = new(
        "cancellation.offer_unavailable", "This offer is no longer available to you. Nothing changed; start again to see what is.");

    public static readonly Error FlowChanged = new("cancellation.flow_changed", "The cancellation page has changed. Reload it.");

    public static readonly Error NotCancelled = new("cancellation.not_cancelled", "There is no scheduled cancellation to take back.");

    public static readonly Error Changed = new("cancellation.changed", "The subscription changed meanwhile. Reload the page and try again.");
}
