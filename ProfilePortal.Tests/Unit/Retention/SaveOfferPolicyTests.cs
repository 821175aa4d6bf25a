using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Retention;

namespace ProfilePortal.Tests.Unit.Retention;

public sealed class SaveOfferPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly RetentionOptions Options = new();
    private static readonly PlanChoice Monthly = new("new_monthly", "Monthly", 1, Money.Rubles(3900m), true);
    private static readonly PlanChoice Quarterly = new("new_quarterly", "Quarterly", 3, Money.Rubles(3300m), true);
    private static readonly PlanChoice Semiannual = new("new_semiannual", "Semiannual", 6, Money.Rubles(2900m), true);
    private static readonly PlanChoice Annual = new("new_annual", "Annual", 12, Money.Rubles(2400m), true);
    private static readonly PlanChoice[] OnSale = [Monthly, Quarterly, Semiannual, Annual];

    private static RetentionEligibility Customer(PlanChoice plan, DateTimeOffset? lastDiscount = null, DateTimeOffset? lastPause = null) =>
        new(plan, OnSale, lastDiscount, lastPause);

    [Fact]
    public void Too_expensive_gets_the_discount_and_after_a_recent_discount_the_cheapest_longer_plan()
    {
        var first = SaveOfferPolicy.Choose(CancellationReason.TooExpensive, Customer(Monthly), Options, Now);
        var again = SaveOfferPolicy.Choose(CancellationReason.TooExpensive, Customer(Monthly, lastDiscount: Now.AddMonths(-11)), Options, Now);

        Assert.Equal(new SaveOffer.Discount(20, 3), first);
        var longer = Assert.IsType<SaveOffer.LongerPlan>(again);
        Assert.Equal(("new_annual", 12, Money.Rubles(2400m), Money.Rubles(1500m)), (longer.PlanCode, longer.DurationMonths, longer.PricePerMonth, longer.SavingPerMonth));
    }

    [Fact]
    public void The_discount_comes_back_twelve_months_after_the_last_one_and_not_a_day_before()
    {
        Assert.False(SaveOfferPolicy.CanHaveDiscount(Now.AddMonths(-12).AddDays(1), Options, Now));
        Assert.True(SaveOfferPolicy.CanHaveDiscount(Now.AddMonths(-12), Options, Now));
        Assert.True(SaveOfferPolicy.CanHaveDiscount(null, Options, Now));
    }

    [Fact]
    public void A_break_or_little_use_gets_a_pause_of_one_to_three_months_once_in_six()
    {
        Assert.Equal([1, 2, 3], Assert.IsType<SaveOffer.Pause>(SaveOfferPolicy.Choose(CancellationReason.TakingABreak, Customer(Quarterly), Options, Now)).Months);
        Assert.Null(SaveOfferPolicy.Choose(CancellationReason.TakingABreak, Customer(Quarterly, lastPause: Now.AddMonths(-5)), Options, Now));
        Assert.IsType<SaveOffer.Pause>(SaveOfferPolicy.Choose(CancellationReason.TakingABreak, Customer(Quarterly, lastPause: Now.AddMonths(-6)), Options, Now));
        Assert.IsType<SaveOffer.Discount>(SaveOfferPolicy.Choose(CancellationReason.NotUsingEnough, Customer(Quarterly, lastPause: Now.AddMonths(-2)), Options, Now));
    }

    [Theory]
    [InlineData(CancellationReason.MissingFeatures)]
    [InlineData(CancellationReason.TechnicalProblems)]
    [InlineData(CancellationReason.Other)]
    public void Reasons_an_offer_cannot_fix_get_none(CancellationReason reason) =>
        Assert.Null(SaveOfferPolicy.Choose(reason, Customer(Monthly), Options, Now));

    [Fact]
    public void On_the_longest_plan_there_is_no_longer_cheaper_plan_to_offer()
    {
        var annualCustomer = Customer(Annual, lastDiscount: Now.AddMonths(-1));

        Assert.Null(SaveOfferPolicy.LongerCheaperPlan(annualCustomer));
        Assert.Null(SaveOfferPolicy.Choose(CancellationReason.TooExpensive, annualCustomer, Options, Now));
        Assert.Equal("new_annual", SaveOfferPolicy.LongerCheaperPlan(Customer(Semiannual))!.Code);
    }

    [Fact]
    public void A_legacy_plan_and_plans_off_sale_are_never_offered()
    {
        var legacyYear = new PlanChoice("annual", "Annual (2025)", 12, Money.Rubles(2000m), IsActive: false);
        var customer = new RetentionEligibility(Monthly, [Monthly, legacyYear], LastDiscountUsedAt: Now, LastPauseAt: null);

        Assert.Null(SaveOfferPolicy.LongerCheaperPlan(customer));
    }

    [Fact]
    public void Configured_terms_are_offered_as_configured()
    {
        var options = new RetentionOptions { DiscountPercent = 30, DiscountPeriods = 2, PauseMonths = [2, 1, 2] };

        Assert.Equal(new SaveOffer.Discount(30, 2), SaveOfferPolicy.Choose(CancellationReason.SwitchingService, Customer(Monthly), options, Now));
        Assert.Equal([1, 2], Assert.IsType<SaveOffer.Pause>(SaveOfferPolicy.Choose(CancellationReason.TakingABreak, Customer(Monthly), options, Now)).Months);
    }
}
