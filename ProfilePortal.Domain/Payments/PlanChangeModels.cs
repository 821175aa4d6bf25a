using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Common;

namespace ProfilePortal.Domain.Payments;

/// <summary>Whether a plan change is paid now and starts at once, or waits for the period end (ADR-011).</summary>
public enum PlanChangeKind
{
    /// <summary>A longer plan, or one as long and dearer: charged now less a credit, a new period starts at once.</summary>
    Upgrade = 0,

    /// <summary>Any other plan: the current one runs to the period end, then the renewal charges the new one.</summary>
    Downgrade = 1,
}

/// <summary>
/// What moving to another plan would do, shown before the customer confirms it.
/// </summary>
/// <param name="Kind">Upgrade (now) or downgrade (at the period end).</param>
/// <param name="CurrentPlan">The plan the subscription runs on.</param>
/// <param name="NewPlan">The plan asked for.</param>
/// <param name="Credit">Upgrade: the unused part of what was paid for the current period; downgrade: zero.</param>
/// <param name="ChargeNow">Upgrade: the new plan's price less the credit, never below zero; downgrade: zero.</param>
/// <param name="EffectiveAt">Upgrade: now; downgrade: the end of the current period.</param>
/// <param name="NewPeriodEnd">The end of the new plan's first period.</param>
/// <param name="NewPlanPrice">What the new plan's first period costs before the credit (a downgrade's running discount included).</param>
/// <param name="EndsDiscount">Upgrade: a running discount ends with the change.</param>
/// <param name="TakesBackCancellation">Upgrade: a cancellation scheduled for the period end is taken back.</param>
/// <param name="QuotedAt">When the quote was made; an upgrade is paid at its price until <paramref name="ValidUntil"/>.</param>
/// <param name="ValidUntil">Until when an upgrade's price holds for its payment.</param>
public sealed record PlanChangeQuote(
    PlanChangeKind Kind,
    PlanSummary CurrentPlan,
    PlanSummary NewPlan,
    Money Credit,
    Money ChargeNow,
    DateTimeOffset EffectiveAt,
    DateTimeOffset NewPeriodEnd,
    Money NewPlanPrice,
    bool EndsDiscount,
    bool TakesBackCancellation,
    DateTimeOffset QuotedAt,
    DateTimeOffset ValidUntil)
{
    public bool IsUpgrade => Kind == PlanChangeKind.Upgrade;

    /// <summary>An upgrade the credit pays for entirely: it is applied without a payment.</summary>
    public bool IsFree => IsUpgrade && ChargeNow.Amount == 0m;
}

/// <summary>A plan on sale the subscription could move to, and which way that would go.</summary>
public sealed record PlanChangeChoice(PlanSummary Plan, PlanChangeKind Kind);

/// <summary>What the plan change dialog offers: the current plan, a downgrade already scheduled, the plans on sale.</summary>
public sealed record PlanChangeChoices(PlanSummary CurrentPlan, string? ScheduledPlanCode, IReadOnlyList<PlanChangeChoice> Plans);

/// <summary>A downgrade waiting for the period end, as the billing page shows it.</summary>
public sealed record ScheduledPlanChange(PlanSummary Plan, DateTimeOffset At, Money Price);

/// <summary>The rules of ADR-011 that need no database: which way a change goes and who may change.</summary>
public static class PlanChangeRules
{
    /// <summary>How long an upgrade's price holds between the quote and the payment.</summary>
    public static readonly TimeSpan QuoteValidity = TimeSpan.FromMinutes(30);

    /// <summary>
    /// An upgrade is a plan with more months, or as many months at a higher total price; anything else (fewer months,
    /// or as many for the same or less) is a downgrade. Prices per month do not decide: a longer plan is cheaper per
    /// month and still an upgrade, since it commits the customer for longer and costs more in total.
    /// </summary>
    public static PlanChangeKind Classify(Plan current, Plan target)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(target);
        return target.DurationMonths > current.DurationMonths
            || (target.DurationMonths == current.DurationMonths && target.TotalPrice > current.TotalPrice)
            ? PlanChangeKind.Upgrade
            : PlanChangeKind.Downgrade;
    }

    /// <summary>Why <paramref name="subscription"/> cannot change plans at <paramref name="now"/>, or null when it can.</summary>
    public static Error? Refusal(Subscription subscription, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        return subscription switch
        {
            { IsFree: true } => PlanChangeErrors.NoPaidPlan,
            { Status: SubscriptionStatus.Trialing } => PlanChangeErrors.Trialing,
            { Status: SubscriptionStatus.PastDue } => PlanChangeErrors.PastDue,
            { Status: SubscriptionStatus.Paused } => PlanChangeErrors.Paused,
            { Status: not SubscriptionStatus.Active } or { BillingAnchor: null } => PlanChangeErrors.NoPaidPlan,
            _ when subscription.CurrentPeriodEnd is not { } end || end <= now => PlanChangeErrors.PeriodEnded,
            _ => null,
        };
    }

    /// <summary>
    /// The quote for moving <paramref name="subscription"/> from <paramref name="current"/> to <paramref name="target"/> at
    /// <paramref name="now"/>. <paramref name="paidForPeriod"/> is what the current period was worth to the customer
    /// (its payment, see <see cref="Payment.PaidForPeriod"/>); the caller has checked <see cref="Refusal"/>.
    /// </summary>
    public static PlanChangeQuote Quote(Subscription subscription, Plan current, Plan target, Money paidForPeriod, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(target);
        var end = subscription.CurrentPeriodEnd ?? throw new InvalidOperationException($"Subscription {subscription.Id} has no period end.");
        if (Classify(current, target) == PlanChangeKind.Downgrade)
        {
            var zero = new Money(0m, target.Currency);
            return new PlanChangeQuote(
                PlanChangeKind.Downgrade, PlanSummary.Of(current), PlanSummary.Of(target), zero, zero, end, end.AddMonths(target.DurationMonths),
                subscription.PriceOfPeriod(target, end), EndsDiscount: false, TakesBackCancellation: false, now, now + QuoteValidity);
        }

        var credit = Retention.Proration.Credit(paidForPeriod, subscription.CurrentPeriodStart, end, now);
        return new PlanChangeQuote(
            PlanChangeKind.Upgrade, PlanSummary.Of(current), PlanSummary.Of(target), credit, Retention.Proration.ChargeNow(target.Total, credit),
            now, now.AddMonths(target.DurationMonths), target.Total, subscription.HasDiscountAt(now), subscription.CancelAtPeriodEnd, now, now + QuoteValidity);
    }
}
