using ProfilePortal.Domain.Common;

namespace ProfilePortal.Domain.Retention;

/// <summary>The kinds of offer the cancellation flow can make instead of cancelling.</summary>
public enum SaveOfferKind
{
    /// <summary>Pause billing for 1–3 months; the period shifts by the pause.</summary>
    Pause = 0,

    /// <summary>A percentage off the next charges.</summary>
    Discount = 1,

    /// <summary>Move to a longer plan that costs less per month.</summary>
    LongerPlan = 2,
}

/// <summary>One offer as the flow shows it; only the offer shown may be accepted.</summary>
public abstract record SaveOffer(SaveOfferKind Kind)
{
    public sealed record Pause(IReadOnlyList<int> Months) : SaveOffer(SaveOfferKind.Pause);

    public sealed record Discount(int Percent, int Periods) : SaveOffer(SaveOfferKind.Discount);

    /// <summary>The longer plan, its price per month and what the customer saves per month against the current plan.</summary>
    public sealed record LongerPlan(string PlanCode, string PlanName, int DurationMonths, Money PricePerMonth, Money SavingPerMonth)
        : SaveOffer(SaveOfferKind.LongerPlan);
}

/// <summary>A plan the customer could move to, as the offer policy compares them.</summary>
public sealed record PlanChoice(string Code, string Name, int DurationMonths, Money PricePerMonth, bool IsActive);

/// <summary>What the offer policy needs to know about the customer.</summary>
/// <param name="CurrentPlan">The plan the subscription runs on.</param>
/// <param name="PlansOnSale">Every plan on sale, of any length.</param>
/// <param name="LastDiscountUsedAt">When the user last accepted a discount (users.last_discount_used_at).</param>
/// <param name="LastPauseAt">When the subscription was last paused.</param>
public sealed record RetentionEligibility(
    PlanChoice CurrentPlan,
    IReadOnlyList<PlanChoice> PlansOnSale,
    DateTimeOffset? LastDiscountUsedAt,
    DateTimeOffset? LastPauseAt);
