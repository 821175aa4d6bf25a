using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Common;

namespace ProfilePortal.Domain.Payments;

/// <summary>A saved card as the billing page shows it.</summary>
public sealed record CardSummary(string Brand, string Mask, int ExpiryMonth, int ExpiryYear, bool IsExpired, DateTimeOffset AddedAt);

/// <summary>A plan as the billing page describes the current one.</summary>
public sealed record PlanSummary(
    string Code, string Name, PlanGeneration Generation, int DurationMonths, Money PricePerMonth, Money Total, int? MonthlyLaunches)
{
    public bool IsFree => Generation == PlanGeneration.Free;

    public static PlanSummary Of(Plan plan) => new(
        plan.Code, plan.Name, plan.Generation, plan.DurationMonths, plan.MonthlyPrice, plan.Total, plan.MonthlyLaunchAllowance);
}

/// <summary>A save offer's discount in force: how much off, and until when (the end of the last discounted period).</summary>
public sealed record DiscountSummary(decimal Percent, DateTimeOffset EndsAt);

/// <summary>When the saved card will be charged next, and how much.</summary>
public sealed record NextCharge(DateTimeOffset At, Money Amount);

/// <summary>One line of the payment history.</summary>
public sealed record PaymentHistoryItem(
    Guid Id, DateTimeOffset At, string Description, Money Amount, PaymentStatus Status, string ReceiptNumber, Money Refunded, string? CardMask, string? FailureReason);

/// <summary>Everything the billing page shows for one organization.</summary>
public sealed record BillingOverview(
    Guid OrganizationId,
    string OrganizationName,
    PlanSummary Plan,
    SubscriptionStatus Status,
    DateTimeOffset PeriodStart,
    DateTimeOffset? PeriodEnd,
    bool CancelAtPeriodEnd,
    NextCharge? NextCharge,
    CardSummary? Card,
    IReadOnlyList<PaymentHistoryItem> Payments,
    DateTimeOffset? GraceEndsAt = null,
    DiscountSummary? Discount = null,
    ScheduledPlanChange? ScheduledChange = null)
{
    /// <summary>A trial that has not converted yet (it may be cancelled, then it ends at <see cref="PeriodEnd"/>).</summary>
    public bool IsTrial => Status == SubscriptionStatus.Trialing;
}

/// <summary>
/// A payment waiting for the customer's card: what they are about to pay, and the card on file if any. The
/// invoice id is the payment's idempotency key; the provider's widget gets it too.
/// </summary>
public sealed record Checkout(
    Guid PaymentId,
    string InvoiceId,
    Guid OrganizationId,
    string Description,
    Money Amount,
    CardSummary? SavedCard,
    string PayerEmail);

/// <summary>A settled payment as its receipt shows it.</summary>
public sealed record PaymentReceipt(
    Guid PaymentId,
    string ReceiptNumber,
    string OrganizationName,
    string Description,
    Money Amount,
    Money Refunded,
    PaymentStatus Status,
    DateTimeOffset PaidAt,
    string? CardMask,
    string? ProviderTransactionId);
