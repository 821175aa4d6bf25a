namespace ProfilePortal.Domain.Payments;

/// <summary>Where a payment stands.</summary>
public enum PaymentStatus
{
    /// <summary>Not charged yet, or an attempt was sent and its outcome is unknown (it is resent with the same request id).</summary>
    Pending = 0,

    /// <summary>The money was taken.</summary>
    Succeeded = 1,

    /// <summary>The last attempt was declined; a new attempt (another card, a scheduled retry) may follow.</summary>
    Failed = 2,

    /// <summary>The whole amount was returned.</summary>
    Refunded = 3,

    /// <summary>Part of the amount was returned.</summary>
    PartiallyRefunded = 4,
}

/// <summary>What a payment pays for.</summary>
public enum PaymentPurpose
{
    /// <summary>The first period of a plan bought from Free.</summary>
    Subscription = 0,

    /// <summary>The next period of a running subscription.</summary>
    Renewal = 1,

    /// <summary>A one-off quota pack for the current period.</summary>
    QuotaPack = 2,

    /// <summary>The first period of the plan chosen for a trial, charged when the trial ends.</summary>
    TrialConversion = 3,

    /// <summary>
    /// A move to a longer or dearer plan mid-period (ADR-011): the new plan's first period, less a credit for the
    /// unused part of the period paid before. It pays the next cycle, like a renewal, but starts the period at once.
    /// </summary>
    Upgrade = 4,
}
