using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Common;

namespace ProfilePortal.Domain.Retention;

/// <summary>What the cancellation page needs to know before the first step.</summary>
/// <param name="PlanCode">The plan being cancelled.</param>
/// <param name="PlanName">Its name.</param>
/// <param name="Status">The subscription's status.</param>
/// <param name="AccessEndsAt">The end of the paid period: access runs to it after cancelling.</param>
/// <param name="CancelAtPeriodEnd">Already cancelled for the period end (the page offers "resume subscription").</param>
/// <param name="SimpleFlow">The <c>SimpleCancellation</c> switch: "Cancel → Confirm" without reason or offers.</param>
/// <param name="Refusal">Why this subscription cannot be cancelled here, or null when it can.</param>
public sealed record CancellationContext(
    string PlanCode,
    string PlanName,
    SubscriptionStatus Status,
    DateTimeOffset? AccessEndsAt,
    bool CancelAtPeriodEnd,
    bool SimpleFlow,
    Error? Refusal);

/// <summary>The flow after the reason step: the offer that fits (or none) and what cancelling would mean.</summary>
/// <param name="FlowId">The handle of this pass through the flow; the next steps name it.</param>
/// <param name="Offer">The one offer shown, or null.</param>
/// <param name="AccessEndsAt">Access runs to this instant if the customer confirms; nothing is charged after.</param>
public sealed record CancellationStep(Guid FlowId, CancellationReason Reason, SaveOffer? Offer, string PlanName, DateTimeOffset AccessEndsAt);

/// <summary>What accepting an offer did.</summary>
/// <param name="Kind">The offer accepted.</param>
/// <param name="DiscountEndsAt">For a discount: the end of the last discounted period.</param>
/// <param name="PauseEndsAt">For a pause: when billing resumes.</param>
/// <param name="PlanCode">For a longer plan: the plan to check out (the upgrade is paid in its own dialog).</param>
public sealed record OfferAcceptance(SaveOfferKind Kind, DateTimeOffset? DiscountEndsAt = null, DateTimeOffset? PauseEndsAt = null, string? PlanCode = null);

/// <summary>A confirmed cancellation: the plan ends at <paramref name="AccessEndsAt"/> and nothing more is charged.</summary>
public sealed record CancellationDone(string PlanName, DateTimeOffset AccessEndsAt, Money? NoLongerCharged);
