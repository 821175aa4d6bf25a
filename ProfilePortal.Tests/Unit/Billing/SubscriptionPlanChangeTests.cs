using Microsoft.Extensions.Time.Testing;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Payments;

namespace ProfilePortal.Tests.Unit.Billing;

/// <summary>Upgrades now and downgrades at the period end on the subscription itself, and the quote's arithmetic (ADR-011).</summary>
public sealed class SubscriptionPlanChangeTests
{
    private static readonly Plan Monthly = PlanCatalog.Plans.Single(p => p.Code == "new_monthly");
    private static readonly Plan Quarterly = PlanCatalog.Plans.Single(p => p.Code == "new_quarterly");
    private static readonly Plan Semiannual = PlanCatalog.Plans.Single(p => p.Code == "new_semiannual");
    private static readonly Plan Annual = PlanCatalog.Plans.Single(p => p.Code == "new_annual");
    private static readonly Plan LegacyMonthly = PlanCatalog.Plans.Single(p => p.Code == "monthly");
    private static readonly Plan LegacyAnnual = PlanCatalog.Plans.Single(p => p.Code == "annual");

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    private DateTimeOffset Now => _clock.GetUtcNow();

    private Subscription Bought(Plan plan)
    {
        var subscription = Subscription.StartFree(Guid.CreateVersion7(Now), Now);
        subscription.Activate(plan, Now);
        return subscription;
    }

    [Fact]
    public void An_upgrade_starts_a_new_cycle_and_period_of_the_new_plan_at_once()
    {
        var subscription = Bought(Quarterly);
        _clock.Advance(TimeSpan.FromDays(46));

        subscription.ChangePlanNow(Annual, Now);

        Assert.Equal(("new_annual", SubscriptionStatus.Active, 2), (subscription.PlanCode, subscription.Status, subscription.BillingCycle));
        Assert.Equal((Now, Now.AddMonths(12)), (subscription.CurrentPeriodStart, subscription.CurrentPeriodEnd!.Value));
        Assert.Equal(Now, subscription.BillingAnchor);

        subscription.Renew(Annual);
        Assert.Equal(Now.AddMonths(24), subscription.CurrentPeriodEnd);
        Assert.Equal(3, subscription.BillingCycle);
    }

    [Fact]
    public void An_upgrade_ends_a_discount_takes_back_a_cancellation_and_drops_a_scheduled_downgrade()
    {
        var subscription = Bought(Quarterly);
        subscription.ApplyDiscount(Quarterly, 20m, 2, Now);
        subscription.ScheduleDowngrade("new_monthly");
        subscription.CancelAtEnd("too_expensive", Now);
        _clock.Advance(TimeSpan.FromDays(10));

        subscription.ChangePlanNow(Semiannual, Now);

        Assert.Equal((false, (string?)null, (decimal?)null), (subscription.CancelAtPeriodEnd, subscription.ScheduledPlanCode, subscription.DiscountPercent));
        Assert.Equal(Semiannual.Total, subscription.PriceOfPeriod(Semiannual, subscription.CurrentPeriodEnd!.Value));
    }

    [Fact]
    public void Only_a_running_paid_subscription_upgrades()
    {
        var free = Subscription.StartFree(Guid.CreateVersion7(Now), Now);
        Assert.Throws<InvalidOperationException>(() => free.ChangePlanNow(Annual, Now));

        var trial = Subscription.StartFree(Guid.CreateVersion7(Now), Now);
        trial.StartTrial(Quarterly, Now, TimeSpan.FromDays(7));
        Assert.Throws<InvalidOperationException>(() => trial.ChangePlanNow(Annual, Now));

        var paused = Bought(Quarterly);
        paused.Pause(1, Now);
        Assert.Throws<InvalidOperationException>(() => paused.ChangePlanNow(Annual, Now));

        var pastDue = Bought(Monthly);
        pastDue.MarkPastDue(DeclineKind.Soft, [TimeSpan.FromDays(1)], TimeSpan.FromDays(7), Now.AddMonths(1));
        Assert.Throws<InvalidOperationException>(() => pastDue.ChangePlanNow(Annual, Now.AddMonths(1)));

        var running = Bought(Quarterly);
        Assert.Throws<InvalidOperationException>(() => running.ChangePlanNow(Quarterly, Now));
        Assert.Equal(1, running.BillingCycle);
    }

    [Fact]
    public void A_scheduled_downgrade_switches_plans_at_the_renewal_and_counts_periods_from_there()
    {
        var subscription = Bought(Annual);
        var end = subscription.CurrentPeriodEnd!.Value;

        subscription.ScheduleDowngrade("new_quarterly");
        Assert.Equal(("new_annual", "new_quarterly"), (subscription.PlanCode, subscription.RenewalPlanCode));

        subscription.Renew(Quarterly);

        Assert.Equal(("new_quarterly", (string?)null, 2), (subscription.PlanCode, subscription.ScheduledPlanCode, subscription.BillingCycle));
        Assert.Equal((end, end.AddMonths(3), end), (subscription.CurrentPeriodStart, subscription.CurrentPeriodEnd!.Value, subscription.BillingAnchor!.Value));
        subscription.Renew(Quarterly);
        Assert.Equal(end.AddMonths(6), subscription.CurrentPeriodEnd);
    }

    [Fact]
    public void Keeping_the_current_plan_takes_the_downgrade_back_and_the_old_plan_renews()
    {
        var subscription = Bought(Annual);
        subscription.ScheduleDowngrade("new_monthly");

        subscription.CancelScheduledDowngrade();

        Assert.Null(subscription.ScheduledPlanCode);
        Assert.Throws<InvalidOperationException>(() => subscription.Renew(Monthly));
        subscription.Renew(Annual);
        Assert.Equal("new_annual", subscription.PlanCode);
        Assert.Throws<InvalidOperationException>(subscription.CancelScheduledDowngrade);
    }

    [Fact]
    public void A_downgrade_is_not_scheduled_while_cancelling_in_a_trial_or_to_the_same_plan_and_ending_drops_it()
    {
        var cancelling = Bought(Annual);
        cancelling.CancelAtEnd("other", Now);
        Assert.Throws<InvalidOperationException>(() => cancelling.ScheduleDowngrade("new_monthly"));

        var trial = Subscription.StartFree(Guid.CreateVersion7(Now), Now);
        trial.StartTrial(Annual, Now, TimeSpan.FromDays(7));
        Assert.Throws<InvalidOperationException>(() => trial.ScheduleDowngrade("new_monthly"));

        var running = Bought(Annual);
        Assert.Throws<InvalidOperationException>(() => running.ScheduleDowngrade("new_annual"));
        running.ScheduleDowngrade("new_monthly");
        running.DowngradeToFree(Now.AddMonths(12));
        Assert.Null(running.ScheduledPlanCode);
    }

    [Theory]
    [InlineData("new_monthly", "new_quarterly", PlanChangeKind.Upgrade)]
    [InlineData("new_quarterly", "new_annual", PlanChangeKind.Upgrade)]
    [InlineData("monthly", "new_monthly", PlanChangeKind.Upgrade)]
    [InlineData("new_monthly", "monthly", PlanChangeKind.Downgrade)]
    [InlineData("new_annual", "new_quarterly", PlanChangeKind.Downgrade)]
    [InlineData("annual", "new_annual", PlanChangeKind.Downgrade)]
    [InlineData("3year", "new_annual", PlanChangeKind.Downgrade)]
    public void Longer_or_equally_long_and_dearer_is_an_upgrade_anything_else_a_downgrade(string from, string to, PlanChangeKind expected) =>
        Assert.Equal(expected, PlanChangeRules.Classify(PlanCatalog.Plans.Single(p => p.Code == from), PlanCatalog.Plans.Single(p => p.Code == to)));

    [Fact]
    public void The_upgrade_quote_credits_the_unused_part_of_what_was_paid_and_charges_the_rest()
    {
        var subscription = Bought(Quarterly);
        _clock.Advance(TimeSpan.FromDays(46)); // half of the 92 days from 23 November to 23 February

        var quote = PlanChangeRules.Quote(subscription, Quarterly, Annual, Money.Rubles(9900m), Now);

        Assert.Equal((PlanChangeKind.Upgrade, 4950m, 23850m), (quote.Kind, quote.Credit.Amount, quote.ChargeNow.Amount));
        Assert.Equal((Now, Now.AddMonths(12), Now + PlanChangeRules.QuoteValidity), (quote.EffectiveAt, quote.NewPeriodEnd, quote.ValidUntil));
        Assert.False(quote.IsFree);
    }

    [Fact]
    public void A_discounted_period_credits_what_was_paid_and_the_quote_says_the_discount_ends()
    {
        var subscription = Bought(Quarterly);
        subscription.ApplyDiscount(Quarterly, 20m, 1, Now);
        _clock.Advance(TimeSpan.FromDays(46));

        var quote = PlanChangeRules.Quote(subscription, Quarterly, Annual, Money.Rubles(7920m), Now);

        Assert.Equal((3960m, 24840m, true), (quote.Credit.Amount, quote.ChargeNow.Amount, quote.EndsDiscount));
    }

    [Fact]
    public void A_downgrade_quote_charges_nothing_now_and_takes_effect_at_the_period_end_at_the_new_price()
    {
        var subscription = Bought(Annual);
        var end = subscription.CurrentPeriodEnd!.Value;
        _clock.Advance(TimeSpan.FromDays(100));

        var quote = PlanChangeRules.Quote(subscription, Annual, Quarterly, Money.Rubles(28800m), Now);

        Assert.Equal((PlanChangeKind.Downgrade, 0m, 0m), (quote.Kind, quote.Credit.Amount, quote.ChargeNow.Amount));
        Assert.Equal((end, end.AddMonths(3), 9900m), (quote.EffectiveAt, quote.NewPeriodEnd, quote.NewPlanPrice.Amount));
    }

    [Fact]
    public void A_credit_as_large_as_the_price_makes_a_free_upgrade()
    {
        var subscription = Bought(LegacyAnnual);

        var quote = PlanChangeRules.Quote(subscription, LegacyAnnual, LegacyMonthly, Money.Rubles(29880m), Now);
        Assert.Equal(PlanChangeKind.Downgrade, quote.Kind);

        var cheapLonger = Plan.Create("promo_2y", "Promo", PlanGeneration.New, isActive: true, 24, 1000m, 500, 20);
        var free = PlanChangeRules.Quote(subscription, LegacyAnnual, cheapLonger, Money.Rubles(29880m), Now);
        Assert.Equal((0m, true), (free.ChargeNow.Amount, free.IsFree));
    }

    [Fact]
    public void Past_due_trialing_paused_free_and_ended_periods_are_refused_with_their_own_reason()
    {
        var trial = Subscription.StartFree(Guid.CreateVersion7(Now), Now);
        Assert.Equal(PlanChangeErrors.NoPaidPlan, PlanChangeRules.Refusal(trial, Now));
        trial.StartTrial(Quarterly, Now, TimeSpan.FromDays(7));
        Assert.Equal(PlanChangeErrors.Trialing, PlanChangeRules.Refusal(trial, Now));

        var paused = Bought(Quarterly);
        paused.Pause(1, Now);
        Assert.Equal(PlanChangeErrors.Paused, PlanChangeRules.Refusal(paused, Now));

        var pastDue = Bought(Monthly);
        pastDue.MarkPastDue(DeclineKind.Soft, [TimeSpan.FromDays(1)], TimeSpan.FromDays(7), Now.AddMonths(1));
        Assert.Equal(PlanChangeErrors.PastDue, PlanChangeRules.Refusal(pastDue, Now.AddMonths(1)));

        var running = Bought(Monthly);
        Assert.Null(PlanChangeRules.Refusal(running, Now));
        Assert.Equal(PlanChangeErrors.PeriodEnded, PlanChangeRules.Refusal(running, Now.AddMonths(1)));
    }

    [Fact]
    public void An_upgrade_payment_is_worth_its_charge_plus_its_credit_and_turns_into_a_renewal_when_left_unpaid()
    {
        var subscriptionId = Guid.NewGuid();
        var upgrade = Payment.ForUpgrade(Guid.NewGuid(), subscriptionId, 2, "new_annual", Money.Rubles(23850m), Money.Rubles(4950m), "Annual", Guid.NewGuid(), Now);
        Assert.Equal((PaymentPurpose.Upgrade, 0m, (DateTimeOffset?)Now), (upgrade.Purpose, upgrade.PaidForPeriod.Amount, upgrade.QuotedAt));

        _clock.Advance(TimeSpan.FromMinutes(5));
        upgrade.Requote("new_semiannual", Money.Rubles(12450m), Money.Rubles(4950m), "Semiannual", Now);
        Assert.Equal(("new_semiannual", 12450m, (DateTimeOffset?)Now), (upgrade.PlanCode, upgrade.Amount, upgrade.QuotedAt));

        upgrade.ConvertToRenewal("new_quarterly", Money.Rubles(9900m), "Quarterly, renewal");
        Assert.Equal((PaymentPurpose.Renewal, 9900m, 0m, $"{subscriptionId:N}:2"), (upgrade.Purpose, upgrade.Amount, upgrade.ProrationCredit, upgrade.IdempotencyKey));

        var paid = Payment.ForUpgrade(Guid.NewGuid(), subscriptionId, 3, "new_annual", Money.Rubles(23850m), Money.Rubles(4950m), "Annual", Guid.NewGuid(), Now);
        paid.BeginAttempt("sandbox", Guid.NewGuid(), "•••• 4242", Now);
        paid.Succeed("tx-1", Now);
        paid.RecordRefund(850m);
        Assert.Equal(27950m, paid.PaidForPeriod.Amount);
    }
}
