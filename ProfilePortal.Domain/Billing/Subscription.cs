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

    /// <summary>
    /// The number of the last paid period, counted over the subscription's whole life and never reset, so
    /// <c>{Id}:{BillingCycle}</c> names one period for ever: it is the idempotency key of the charge for it.
    /// </summary>
    public int BillingCycle { get; private set; }

    /// <summary>
    /// The instant paid periods are counted from: period ends are <c>anchor + n × plan months</c>, so a
    /// subscription bought on the 31st renews on the last day of shorter months and on the 31st again after.
    /// </summary>
    public DateTimeOffset? BillingAnchor { get; private set; }

    /// <summary>The <see cref="BillingCycle"/> that began at <see cref="BillingAnchor"/>.</summary>
    public int AnchorCycle { get; private set; }

    /// <summary>When the renewal sweep may try again after a provider failure or a decline; null means at once.</summary>
    public DateTimeOffset? NextChargeAttemptAt { get; private set; }

    /// <summary>Charges of the current renewal that the card issuer refused, for the retry schedule.</summary>
    public int FailedChargeAttempts { get; private set; }

    public Guid Version { get; set; }

    /// <summary>The plan as loaded with the row; the methods below change <see cref="PlanCode"/> only.</summary>
    public Plan? Plan { get; private set; }

    public bool IsFree => PlanCode == Billing.Plan.FreeCode;

    /// <summary>Whether the organization pays for a plan that currently gives access (not Free, not ended).</summary>
    public bool HasPaidAccess => !IsFree && Status is SubscriptionStatus.Active or SubscriptionStatus.PastDue or SubscriptionStatus.Trialing;

    /// <summary>The idempotency key of the charge for the next period: the gateway's invoice id.</summary>
    public string NextPaymentKey => PaymentKey(Id, BillingCycle + 1);

    public static string PaymentKey(Guid subscriptionId, int cycle) => $"{subscriptionId:N}:{cycle}";

    /// <summary>Whether the renewal sweep should charge this subscription at <paramref name="now"/>.</summary>
    public bool IsDueForRenewal(DateTimeOffset now) =>
        !IsFree
        && Status == SubscriptionStatus.Active
        && !CancelAtPeriodEnd
        && CurrentPeriodEnd <= now
        && (NextChargeAttemptAt is null || NextChargeAttemptAt <= now);

    /// <summary>
    /// The first charge for <paramref name="plan"/> succeeded: the subscription is active on it from
    /// <paramref name="paidAt"/> for the plan's months. Allowed from Free or after a paid subscription ended.
    /// </summary>
    public void Activate(Plan plan, DateTimeOffset paidAt)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.IsFree)
        {
            throw new InvalidOperationException("The Free plan is not bought.");
        }

        if (HasPaidAccess)
        {
            throw new InvalidOperationException($"Subscription {Id} already runs plan {PlanCode}.");
        }

        PlanCode = plan.Code;
        Status = SubscriptionStatus.Active;
        BillingCycle++;
        AnchorCycle = BillingCycle;
        BillingAnchor = paidAt;
        CurrentPeriodStart = paidAt;
        CurrentPeriodEnd = paidAt.AddMonths(plan.DurationMonths);
        CancelAtPeriodEnd = false;
        CanceledAt = null;
        CancellationReason = null;
        NextChargeAttemptAt = null;
        FailedChargeAttempts = 0;
    }

    /// <summary>The charge for the next period succeeded: the period moves on by the plan's months.</summary>
    public void Renew(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (IsFree || plan.Code != PlanCode || CurrentPeriodEnd is not { } end || BillingAnchor is not { } anchor)
        {
            throw new InvalidOperationException($"Subscription {Id} on {PlanCode} cannot renew as {plan.Code}.");
        }

        BillingCycle++;
        CurrentPeriodStart = end;
        CurrentPeriodEnd = anchor.AddMonths((BillingCycle - AnchorCycle + 1) * plan.DurationMonths);
        Status = SubscriptionStatus.Active;
        NextChargeAttemptAt = null;
        FailedChargeAttempts = 0;
    }

    /// <summary>The provider did not answer: the same charge is resent at <paramref name="retryAt"/>; access is kept.</summary>
    public void PostponeCharge(DateTimeOffset retryAt) => NextChargeAttemptAt = retryAt;

    /// <summary>
    /// The issuer refused the renewal: past due, access kept, the next try at <paramref name="retryAt"/> (or
    /// none until the card is replaced when null).
    /// </summary>
    public void MarkPastDue(DateTimeOffset? retryAt)
    {
        Status = SubscriptionStatus.PastDue;
        FailedChargeAttempts++;
        NextChargeAttemptAt = retryAt;
    }

    /// <summary>
    /// The customer cancelled: access runs to the end of the paid period, then the renewal sweep moves the
    /// organization to Free instead of charging.
    /// </summary>
    public void CancelAtEnd(string reason, DateTimeOffset now)
    {
        if (!HasPaidAccess)
        {
            throw new InvalidOperationException($"Subscription {Id} has no paid plan to cancel.");
        }

        CancelAtPeriodEnd = true;
        CanceledAt = now;
        CancellationReason = reason;
    }

    /// <summary>A paid subscription ended (cancelled at period end or unpaid): the organization is on Free again.</summary>
    public void DowngradeToFree(DateTimeOffset now)
    {
        PlanCode = Billing.Plan.FreeCode;
        Status = SubscriptionStatus.Active;
        CurrentPeriodStart = now;
        CurrentPeriodEnd = null;
        BillingAnchor = null;
        CancelAtPeriodEnd = false;
        NextChargeAttemptAt = null;
        FailedChargeAttempts = 0;
        TrialStartedAt = null;
        TrialEndsAt = null;
        DiscountPercent = null;
        DiscountExpiresAt = null;
    }

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
