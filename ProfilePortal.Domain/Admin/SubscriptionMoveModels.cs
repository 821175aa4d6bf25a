namespace ProfilePortal.Domain.Admin;

/// <summary>
/// What a move would do, for the admin to confirm: the subscription, where it goes, and whether the target has a
/// saved card (without one, the next charge fails and the target's owners are asked for a card).
/// </summary>
public sealed record SubscriptionMovePreview(
    Guid SubscriptionId,
    string PlanCode,
    Guid SourceOrganizationId,
    string SourceName,
    Guid TargetOrganizationId,
    string TargetName,
    DateTimeOffset? NextChargeAt,
    bool TargetHasCard,
    int OpenCancellationFlows);

/// <summary>A done move: the subscription now belongs to the target; the source starts again on Free.</summary>
public sealed record SubscriptionMoved(SubscriptionMovePreview Move, Guid SourceFreeSubscriptionId);
