using ProfilePortal.Domain.Common;

namespace ProfilePortal.Domain.Billing;

/// <summary>
/// An organization's subscription to a plan. Each organization has exactly one current subscription; the
/// Free plan is a subscription too, so the quota and billing code never special-case "no subscription".
/// </summary>
public sealed class Subscription : IVersioned
{
    private Subscription()
    {
    }

    public Guid Id { get; private set; }

    public Guid OrganizationId { get; private set; }

    public string PlanCode { get; private set; } = string.Empty;

    public SubscriptionStatus Status { get; private set; }

    public DateTimeOffset CurrentPeriodStart { get; private set; }

    /// <summary>End of the paid period; null on Free, which never ends.</summary>
    public DateTimeOffset? CurrentPeriodEnd { get; private set; }

    public DateTimeOffset? TrialStartedAt { get; private set; }

    public DateTimeOffset? TrialEndsAt { get; private set; }

    public bool CancelAtPeriodEnd { get; private set; }

    public string? CancellationReason { get; private set; }

    public DateTimeOffset? CanceledAt { get; private set; }

    public decimal? DiscountPercent { get; private set; }

    public DateTimeOffset? DiscountExpiresAt { get; private set; }

    public DateTimeOffset? PausedAt { get; private set; }

    public DateTimeOffset? PauseEndsAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public Guid Version { get; set; }

    public Plan? Plan { get; private set; }

    /// <summary>The Free subscription every new organization starts with (seed 004).</summary>
    public static Subscription StartFree(Guid organizationId, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        OrganizationId = organizationId,
        PlanCode = Billing.Plan.FreeCode,
        Status = SubscriptionStatus.Active,
        CurrentPeriodStart = now,
        CreatedAt = now,
    };
}
