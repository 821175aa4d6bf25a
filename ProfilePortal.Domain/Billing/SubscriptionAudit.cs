namespace ProfilePortal.Domain.Billing;

/// <summary>The audit trail's names for a subscription's life events, as the alerts and the dashboards read them.</summary>
internal static class SubscriptionAudit
{
    public const string Target = "subscription";
    public const string PastDue = "subscription.past_due";
    public const string Expired = "subscription.expired";
    public const string Paused = "subscription.paused";
    public const string Resumed = "subscription.resumed";
    public const string Cancelled = "subscription.cancelled";
    public const string Ended = "subscription.ended";

    /// <summary>The entries that tell how a pause ended: it started, then the subscription resumed or left.</summary>
    public static readonly string[] PauseStory = [Paused, Resumed, Cancelled, Ended, Expired];
}
