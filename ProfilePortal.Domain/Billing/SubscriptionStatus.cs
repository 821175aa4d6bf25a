namespace ProfilePortal.Domain.Billing;

/// <summary>Where a subscription stands in its life cycle.</summary>
public enum SubscriptionStatus
{
    Active = 0,
    Trialing = 1,
    PastDue = 2,
    Paused = 3,
    Canceled = 4,
    Expired = 5,
}
