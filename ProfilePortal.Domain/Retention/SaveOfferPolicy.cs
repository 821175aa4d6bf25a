namespace ProfilePortal.Domain.Retention;

/// <summary>
/// Which save offer fits a cancellation reason and the customer's eligibility (seed 002 phase C). The reason
/// decides the order in which offers are tried; eligibility (a discount at most once per 12 months, a pause at
/// most once per 6 months, a longer plan that is really cheaper per month) decides which of them can be made:
/// <list type="bullet">
/// <item>too expensive: a discount, else a longer, cheaper plan;</item>
/// <item>not using it enough: a pause, else a discount;</item>
/// <item>taking a break: a pause;</item>
/// <item>switching to another service: a discount, else a longer, cheaper plan;</item>
/// <item>missing features, technical problems, other: no offer (a discount does not fix a bug); the
/// confirmation step points to support instead.</item>
/// </list>
/// </summary>
public static class SaveOfferPolicy
{
    public static SaveOffer? Choose(CancellationReason reason, RetentionEligibility eligibility, RetentionOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(eligibility);
        ArgumentNullException.ThrowIfNull(options);
        foreach (var kind in Preference(reason))
        {
            if (Offer(kind, eligibility, options, now) is { } offer)
            {
                return offer;
            }
        }

        return null;
    }

    /// <summary>Whether a discount may be offered: none accepted within the cooldown.</summary>
    public static bool CanHaveDiscount(DateTimeOffset? lastDiscountUsedAt, RetentionOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(options);
        return lastDiscountUsedAt is not { } last || last.AddMonths(options.DiscountCooldownMonths) <= now;
    }

    /// <summary>Whether a pause may be offered: none started within the cooldown.</summary>
    public static bool CanPause(DateTimeOffset? lastPauseAt, RetentionOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(options);
        return lastPauseAt is not { } last || last.AddMonths(options.PauseCooldownMonths) <= now;
    }

    /// <summary>
    /// The longest plan on sale that is longer than the current one and cheaper per month, or null. The longest
    /// saves the most; a customer who finds the price too high is shown the lowest monthly price there is.
    /// </summary>
    public static PlanChoice? LongerCheaperPlan(RetentionEligibility eligibility)
    {
        ArgumentNullException.ThrowIfNull(eligibility);
        var current = eligibility.CurrentPlan;
        return eligibility.PlansOnSale
            .Where(p => p.IsActive && p.Code != current.Code && p.DurationMonths > current.DurationMonths
                && p.PricePerMonth.Currency == current.PricePerMonth.Currency && p.PricePerMonth.Amount < current.PricePerMonth.Amount)
            .OrderBy(p => p.PricePerMonth.Amount)
            .ThenByDescending(p => p.DurationMonths)
            .FirstOrDefault();
    }

    private static IEnumerable<SaveOfferKind> Preference(CancellationReason reason) => reason switch
    {
        CancellationReason.TooExpensive => [SaveOfferKind.Discount, SaveOfferKind.LongerPlan],
        CancellationReason.NotUsingEnough => [SaveOfferKind.Pause, SaveOfferKind.Discount],
        CancellationReason.TakingABreak => [SaveOfferKind.Pause],
        CancellationReason.SwitchingService => [SaveOfferKind.Discount, SaveOfferKind.LongerPlan],
        CancellationReason.MissingFeatures or CancellationReason.TechnicalProblems or CancellationReason.Other => [],
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Unknown cancellation reason."),
    };

    private static SaveOffer? Offer(SaveOfferKind kind, RetentionEligibility eligibility, RetentionOptions options, DateTimeOffset now) => kind switch
    {
        SaveOfferKind.Discount when CanHaveDiscount(eligibility.LastDiscountUsedAt, options, now) =>
            new SaveOffer.Discount(options.DiscountPercent, options.DiscountPeriods),
        SaveOfferKind.Pause when CanPause(eligibility.LastPauseAt, options, now) => new SaveOffer.Pause(options.PauseLengths),
        SaveOfferKind.LongerPlan when LongerCheaperPlan(eligibility) is { } plan => new SaveOffer.LongerPlan(
            plan.Code, plan.Name, plan.DurationMonths, plan.PricePerMonth,
            new Common.Money(eligibility.CurrentPlan.PricePerMonth.Amount - plan.PricePerMonth.Amount, plan.PricePerMonth.Currency)),
        _ => null,
    };
}
