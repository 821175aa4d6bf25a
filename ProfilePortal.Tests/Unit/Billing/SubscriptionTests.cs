using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Payments;

namespace ProfilePortal.Tests.Unit.Billing;

public sealed class SubscriptionTests
{
    private static readonly Plan Monthly = PlanCatalog.Plans.Single(p => p.Code == "new_monthly");
    private static readonly Plan Quarterly = PlanCatalog.Plans.Single(p => p.Code == "new_quarterly");
    private static readonly Plan Annual = PlanCatalog.Plans.Single(p => p.Code == "new_annual");
    private static readonly Plan LegacyThreeYears = PlanCatalog.Plans.Single(p => p.Code == "3year");

    private static DateTimeOffset Utc(int year, int month, int day, int hour = 0) => new(year, month, day, hour, 0, 0, TimeSpan.Zero);

    private static Subscription Free(DateTimeOffset at) => Subscription.StartFree(Guid.CreateVersion7(at), at);

    [Fact]
    public void A_purchase_makes_the_plan_active_for_its_months_from_the_payment()
    {
        var subscription = Free(Utc(2026, 1, 10));

        subscription.Activate(Quarterly, Utc(2026, 11, 23, 9));

        Assert.Equal(("new_quarterly", SubscriptionStatus.Active), (subscription.PlanCode, subscription.Status));
        Assert.Equal(Utc(2026, 11, 23, 9), subscription.CurrentPeriodStart);
        Assert.Equal(Utc(2027, 2, 23, 9), subscription.CurrentPeriodEnd);
        Assert.True(subscription.HasPaidAccess);
        Assert.Equal(1, subscription.BillingCycle);
    }

    [Fact]
    public void Renewals_move_the_period_on_by_the_plan_months_and_count_the_cycle()
    {
        var subscription = Free(Utc(2026, 1, 1));
        subscription.Activate(Quarterly, Utc(2026, 11, 23));

        subscription.Renew(Quarterly);
        subscription.Renew(Quarterly);

        Assert.Equal(Utc(2027, 5, 23), subscription.CurrentPeriodStart);
        Assert.Equal(Utc(2027, 8, 23), subscription.CurrentPeriodEnd);
        Assert.Equal(3, subscription.BillingCycle);
    }

    [Fact]
    public void A_period_bought_on_the_31st_ends_on_the_last_day_of_short_months_and_comes_back_to_the_31st()
    {
        var subscription = Free(Utc(2026, 1, 1));
        subscription.Activate(Monthly, Utc(2027, 1, 31, 12));

        Assert.Equal(Utc(2027, 2, 28, 12), subscription.CurrentPeriodEnd);
        subscription.Renew(Monthly);
        Assert.Equal(Utc(2027, 3, 31, 12), subscription.CurrentPeriodEnd);
        subscription.Renew(Monthly);
        Assert.Equal(Utc(2027, 4, 30, 12), subscription.CurrentPeriodEnd);
    }

    [Fact]
    public void A_leap_day_purchase_renews_on_the_28th_in_common_years_and_the_29th_in_leap_years()
    {
        var subscription = Free(Utc(2028, 1, 1));
        subscription.Activate(Annual, Utc(2028, 2, 29));

        Assert.Equal(Utc(2029, 2, 28), subscription.CurrentPeriodEnd);
        subscription.Renew(Annual);
        subscription.Renew(Annual);
        subscription.Renew(Annual);
        Assert.Equal(Utc(2032, 2, 29), subscription.CurrentPeriodEnd);
    }

    [Fact]
    public void A_legacy_plan_off_sale_still_renews_for_its_subscriber()
    {
        var subscription = Free(Utc(2024, 1, 1));
        subscription.Activate(LegacyThreeYears, Utc(2024, 3, 1));

        subscription.Renew(LegacyThreeYears);

        Assert.Equal(Utc(2030, 3, 1), subscription.CurrentPeriodEnd);
        Assert.Equal(SubscriptionStatus.Active, subscription.Status);
    }

    [Fact]
    public void The_payment_key_names_the_next_period_and_never_repeats_after_a_return_to_free()
    {
        var subscription = Free(Utc(2026, 1, 1));
        var first = subscription.NextPaymentKey;
        subscription.Activate(Monthly, Utc(2026, 1, 5));
        var renewal = subscription.NextPaymentKey;
        subscription.DowngradeToFree(Utc(2026, 2, 5));
        var again = subscription.NextPaymentKey;

        Assert.Equal($"{subscription.Id:N}:1", first);
        Assert.Equal($"{subscription.Id:N}:2", renewal);
        Assert.Equal($"{subscription.Id:N}:2", again);
        subscription.Activate(Annual, Utc(2026, 3, 1));
        Assert.Equal($"{subscription.Id:N}:3", subscription.NextPaymentKey);
        Assert.Equal(Utc(2027, 3, 1), subscription.CurrentPeriodEnd);
    }

    [Fact]
    public void Renewal_is_due_at_the_period_end_not_before_and_not_when_cancelled_or_postponed()
    {
        var subscription = Free(Utc(2026, 1, 1));
        Assert.False(subscription.IsDueForRenewal(Utc(2030, 1, 1)));

        subscription.Activate(Monthly, Utc(2026, 11, 23));
        Assert.False(subscription.IsDueForRenewal(Utc(2026, 12, 22, 23)));
        Assert.True(subscription.IsDueForRenewal(Utc(2026, 12, 23)));

        subscription.PostponeCharge(Utc(2026, 12, 23, 1));
        Assert.False(subscription.IsDueForRenewal(Utc(2026, 12, 23)));
        Assert.True(subscription.IsDueForRenewal(Utc(2026, 12, 23, 1)));
    }

    [Fact]
    public void A_declined_renewal_is_past_due_with_access_kept_and_a_renewal_clears_it()
    {
        var subscription = Free(Utc(2026, 1, 1));
        subscription.Activate(Monthly, Utc(2026, 11, 23));

        subscription.MarkPastDue(DeclineKind.Soft, [TimeSpan.FromDays(1)], TimeSpan.FromDays(7), Utc(2026, 12, 23));

        Assert.Equal(SubscriptionStatus.PastDue, subscription.Status);
        Assert.True(subscription.HasPaidAccess);
        Assert.Equal(1, subscription.FailedChargeAttempts);
        subscription.Renew(Monthly);
        Assert.Equal((SubscriptionStatus.Active, 0, (DateTimeOffset?)null), (subscription.Status, subscription.FailedChargeAttempts, subscription.NextChargeAttemptAt));
    }

    [Fact]
    public void A_running_paid_plan_cannot_be_bought_again_and_free_is_never_bought()
    {
        var subscription = Free(Utc(2026, 1, 1));
        Assert.Throws<InvalidOperationException>(() => subscription.Activate(PlanCatalog.Plans.Single(p => p.IsFree), Utc(2026, 1, 2)));

        subscription.Activate(Monthly, Utc(2026, 1, 2));
        Assert.Throws<InvalidOperationException>(() => subscription.Activate(Annual, Utc(2026, 1, 3)));
        Assert.Throws<InvalidOperationException>(() => subscription.Renew(Annual));
    }

    [Fact]
    public void Going_back_to_free_ends_the_paid_period()
    {
        var subscription = Free(Utc(2026, 1, 1));
        subscription.Activate(Monthly, Utc(2026, 1, 2));

        subscription.DowngradeToFree(Utc(2026, 2, 2));

        Assert.Equal((Plan.FreeCode, SubscriptionStatus.Active, (DateTimeOffset?)null), (subscription.PlanCode, subscription.Status, subscription.CurrentPeriodEnd));
        Assert.False(subscription.HasPaidAccess);
    }

    private static readonly TimeSpan Week = TimeSpan.FromDays(7);
    private static readonly TimeSpan[] Retries = [TimeSpan.FromDays(1), TimeSpan.FromDays(3), TimeSpan.FromDays(5)];

    [Fact]
    public void A_trial_gives_the_plan_for_seven_days_unpaid_and_is_due_for_conversion_at_its_end()
    {
        var subscription = Free(Utc(2026, 1, 1));

        subscription.StartTrial(Quarterly, Utc(2026, 11, 23, 9), Week);

        Assert.Equal(("new_quarterly", SubscriptionStatus.Trialing, 0), (subscription.PlanCode, subscription.Status, subscription.BillingCycle));
        Assert.Equal((Utc(2026, 11, 30, 9), Utc(2026, 11, 30, 9)), (subscription.TrialEndsAt!.Value, subscription.CurrentPeriodEnd!.Value));
        Assert.True(subscription.HasPaidAccess && subscription.ConvertsTrial);
        Assert.False(subscription.IsDueForRenewal(Utc(2026, 11, 30, 8)));
        Assert.True(subscription.IsDueForRenewal(Utc(2026, 11, 30, 9)));
        Assert.Equal(Subscription.PaymentKey(subscription.Id, 1), subscription.NextPaymentKey);
    }

    [Fact]
    public void The_conversion_starts_the_first_period_where_the_trial_ended_however_late_it_is_paid()
    {
        var subscription = Free(Utc(2026, 1, 1));
        subscription.StartTrial(Monthly, Utc(2026, 1, 24), Week);

        subscription.ConvertTrial(Monthly);

        Assert.Equal((SubscriptionStatus.Active, 1, false), (subscription.Status, subscription.BillingCycle, subscription.ConvertsTrial));
        Assert.Equal((Utc(2026, 1, 31), Utc(2026, 2, 28)), (subscription.CurrentPeriodStart, subscription.CurrentPeriodEnd!.Value));
        subscription.Renew(Monthly);
        Assert.Equal(Utc(2026, 3, 31), subscription.CurrentPeriodEnd);
        Assert.Throws<InvalidOperationException>(() => subscription.ConvertTrial(Monthly));
    }

    [Fact]
    public void A_trial_is_only_started_from_free_on_a_plan_on_sale()
    {
        var subscription = Free(Utc(2026, 1, 1));
        Assert.Throws<InvalidOperationException>(() => subscription.StartTrial(LegacyThreeYears, Utc(2026, 1, 2), Week));
        Assert.Throws<InvalidOperationException>(() => subscription.StartTrial(PlanCatalog.Plans.Single(p => p.IsFree), Utc(2026, 1, 2), Week));

        subscription.StartTrial(Monthly, Utc(2026, 1, 2), Week);
        Assert.Throws<InvalidOperationException>(() => subscription.StartTrial(Annual, Utc(2026, 1, 3), Week));
        Assert.Throws<InvalidOperationException>(() => subscription.Activate(Annual, Utc(2026, 1, 3)));
    }

    [Fact]
    public void A_cancelled_trial_is_not_due_for_conversion_and_cannot_be_cancelled_twice()
    {
        var subscription = Free(Utc(2026, 1, 1));
        subscription.StartTrial(Monthly, Utc(2026, 1, 2), Week);

        subscription.CancelTrial(Utc(2026, 1, 4));

        Assert.True(subscription.CancelAtPeriodEnd && subscription.HasPaidAccess);
        Assert.Equal(Subscription.TrialCancellationReason, subscription.CancellationReason);
        Assert.False(subscription.IsDueForRenewal(Utc(2026, 2, 1)));
        Assert.Null(subscription.TrialReminderDue([TimeSpan.FromHours(24)], Utc(2026, 1, 8, 12)));
        Assert.Throws<InvalidOperationException>(() => subscription.CancelTrial(Utc(2026, 1, 5)));
    }

    [Fact]
    public void Reminders_fall_due_at_their_lead_each_once_and_a_late_sweep_skips_to_the_latest()
    {
        TimeSpan[] leads = [TimeSpan.FromHours(24), TimeSpan.FromHours(1)];
        var onTime = Free(Utc(2026, 1, 1));
        onTime.StartTrial(Monthly, Utc(2026, 1, 2), Week);
        var late = Free(Utc(2026, 1, 1));
        late.StartTrial(Monthly, Utc(2026, 1, 2), Week);

        Assert.Null(onTime.TrialReminderDue(leads, Utc(2026, 1, 8, 0) - TimeSpan.FromMinutes(1)));
        Assert.Equal(0, onTime.TrialReminderDue(leads, Utc(2026, 1, 8)));
        onTime.RecordTrialReminder(0);
        Assert.Null(onTime.TrialReminderDue(leads, Utc(2026, 1, 8, 22)));
        Assert.Equal(1, onTime.TrialReminderDue(leads, Utc(2026, 1, 8, 23)));
        onTime.RecordTrialReminder(1);
        Assert.Null(onTime.TrialReminderDue(leads, Utc(2026, 1, 8, 23)));
        Assert.Throws<InvalidOperationException>(() => onTime.RecordTrialReminder(1));

        Assert.Equal(1, late.TrialReminderDue(leads, Utc(2026, 1, 8, 23)));
        Assert.Null(late.TrialReminderDue(leads, Utc(2026, 1, 9)));
    }

    [Fact]
    public void Retries_follow_the_schedule_from_the_first_refusal_and_stop_at_the_end_of_the_grace()
    {
        var subscription = Free(Utc(2026, 1, 1));
        subscription.Activate(Monthly, Utc(2026, 1, 1));
        var first = Utc(2026, 2, 1);

        subscription.MarkPastDue(DeclineKind.Soft, Retries, Week, first);
        Assert.Equal((first + Week, first.AddDays(1)), (subscription.GraceEndsAt!.Value, subscription.NextChargeAttemptAt!.Value));
        subscription.MarkPastDue(DeclineKind.Soft, Retries, Week, first.AddDays(1));
        Assert.Equal((first + Week, first.AddDays(3)), (subscription.GraceEndsAt!.Value, subscription.NextChargeAttemptAt!.Value));
        subscription.MarkPastDue(DeclineKind.Soft, Retries, Week, first.AddDays(3));
        Assert.Equal(first.AddDays(5), subscription.NextChargeAttemptAt);
        subscription.MarkPastDue(DeclineKind.Soft, Retries, Week, first.AddDays(5));
        Assert.Equal((4, (DateTimeOffset?)null), (subscription.FailedChargeAttempts, subscription.NextChargeAttemptAt));

        Assert.False(subscription.IsGraceOver(first + Week - TimeSpan.FromMinutes(1)));
        Assert.True(subscription.IsGraceOver(first + Week));
    }

    [Fact]
    public void A_hard_refusal_waits_for_a_new_card_and_retries_never_reach_past_the_grace()
    {
        var hard = Free(Utc(2026, 1, 1));
        hard.Activate(Monthly, Utc(2026, 1, 1));
        hard.MarkPastDue(DeclineKind.Hard, Retries, Week, Utc(2026, 2, 1));
        Assert.Null(hard.NextChargeAttemptAt);

        var shortGrace = Free(Utc(2026, 1, 1));
        shortGrace.Activate(Monthly, Utc(2026, 1, 1));
        shortGrace.MarkPastDue(DeclineKind.Soft, Retries, TimeSpan.FromDays(2), Utc(2026, 2, 1));
        Assert.Equal(Utc(2026, 2, 2), shortGrace.NextChargeAttemptAt);
        shortGrace.MarkPastDue(DeclineKind.Soft, Retries, TimeSpan.FromDays(2), Utc(2026, 2, 2));
        Assert.Null(shortGrace.NextChargeAttemptAt);
    }

    [Fact]
    public void A_discount_covers_the_next_periods_counted_from_the_anchor_and_prices_them_down()
    {
        var subscription = Free(Utc(2026, 1, 1));
        subscription.Activate(Monthly, Utc(2026, 1, 31));

        subscription.ApplyDiscount(Monthly, 20m, 3, Utc(2026, 2, 10));

        Assert.Equal(Utc(2026, 5, 31), subscription.DiscountExpiresAt);
        Assert.Equal(Money.Rubles(3120m), subscription.PriceOfPeriod(Monthly, Utc(2026, 2, 28)));
        Assert.Equal(Money.Rubles(3120m), subscription.PriceOfPeriod(Monthly, Utc(2026, 4, 30)));
        Assert.Equal(Money.Rubles(3900m), subscription.PriceOfPeriod(Monthly, Utc(2026, 5, 31)));
        Assert.Throws<InvalidOperationException>(() => subscription.ApplyDiscount(Monthly, 20m, 3, Utc(2026, 3, 1)));
    }

    [Fact]
    public void Only_a_running_paid_plan_gets_a_discount_and_only_a_real_one()
    {
        var free = Free(Utc(2026, 1, 1));
        Assert.Throws<InvalidOperationException>(() => free.ApplyDiscount(Monthly, 20m, 1, Utc(2026, 1, 2)));

        var paid = Free(Utc(2026, 1, 1));
        paid.Activate(Quarterly, Utc(2026, 1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => paid.ApplyDiscount(Quarterly, 100m, 1, Utc(2026, 1, 2)));
        Assert.Throws<ArgumentOutOfRangeException>(() => paid.ApplyDiscount(Quarterly, 10m, 0, Utc(2026, 1, 2)));
        Assert.Throws<InvalidOperationException>(() => paid.ApplyDiscount(Monthly, 10m, 1, Utc(2026, 1, 2)));
        paid.ApplyDiscount(Quarterly, 33m, 1, Utc(2026, 1, 2));
        Assert.Equal((Utc(2026, 7, 1), Money.Rubles(6633m)), (paid.DiscountExpiresAt!.Value, paid.PriceOfPeriod(Quarterly, Utc(2026, 4, 1))));
    }

    [Fact]
    public void A_pause_stops_billing_and_resuming_moves_the_period_and_the_anchor_on_by_the_time_paused()
    {
        var subscription = Free(Utc(2026, 1, 1));
        subscription.Activate(Monthly, Utc(2026, 1, 10));
        subscription.ApplyDiscount(Monthly, 20m, 1, Utc(2026, 1, 15));

        subscription.Pause(2, Utc(2026, 1, 20));

        Assert.Equal((SubscriptionStatus.Paused, Utc(2026, 3, 20), Utc(2026, 1, 20)), (subscription.Status, subscription.PauseEndsAt!.Value, subscription.LastPauseAt!.Value));
        Assert.False(subscription.IsDueForRenewal(Utc(2026, 2, 15)));
        Assert.False(subscription.IsDueToResume(Utc(2026, 3, 19)));
        Assert.True(subscription.IsDueToResume(Utc(2026, 3, 20)));

        subscription.Resume(Utc(2026, 3, 20));

        var paused = Utc(2026, 3, 20) - Utc(2026, 1, 20);
        Assert.Equal((SubscriptionStatus.Active, Utc(2026, 2, 10) + paused), (subscription.Status, subscription.CurrentPeriodEnd!.Value));
        Assert.Equal(Utc(2026, 3, 10) + paused, subscription.DiscountExpiresAt);
        Assert.Null(subscription.PausedAt);
        subscription.Renew(Monthly);
        Assert.Equal((Utc(2026, 1, 10) + paused).AddMonths(2), subscription.CurrentPeriodEnd);
    }

    [Fact]
    public void Only_a_running_paid_subscription_pauses_and_only_a_paused_one_resumes()
    {
        var subscription = Free(Utc(2026, 1, 1));
        Assert.Throws<InvalidOperationException>(() => subscription.Pause(1, Utc(2026, 1, 2)));
        subscription.Activate(Monthly, Utc(2026, 1, 1));
        Assert.Throws<InvalidOperationException>(() => subscription.Resume(Utc(2026, 1, 2)));
        Assert.Throws<ArgumentOutOfRangeException>(() => subscription.Pause(0, Utc(2026, 1, 2)));
        subscription.CancelAtEnd("too_expensive", Utc(2026, 1, 3));
        Assert.Throws<InvalidOperationException>(() => subscription.Pause(1, Utc(2026, 1, 4)));
    }

    [Fact]
    public void A_cancellation_is_made_once_and_can_be_taken_back_until_the_period_ends()
    {
        var subscription = Free(Utc(2026, 1, 1));
        subscription.Activate(Monthly, Utc(2026, 1, 1));
        subscription.CancelAtEnd("too_expensive", Utc(2026, 1, 10));

        Assert.Throws<InvalidOperationException>(() => subscription.CancelAtEnd("too_expensive", Utc(2026, 1, 11)));
        subscription.UndoCancellation(Utc(2026, 1, 12));

        Assert.Equal((false, (string?)null, (DateTimeOffset?)null), (subscription.CancelAtPeriodEnd, subscription.CancellationReason, subscription.CanceledAt));
        Assert.True(subscription.IsDueForRenewal(Utc(2026, 2, 1)));
        Assert.Throws<InvalidOperationException>(() => subscription.UndoCancellation(Utc(2026, 1, 13)));
        subscription.CancelAtEnd("taking_a_break", Utc(2026, 1, 20));
        Assert.Throws<InvalidOperationException>(() => subscription.UndoCancellation(Utc(2026, 2, 1)));
    }

    [Fact]
    public void A_cancelled_trial_is_not_taken_back()
    {
        var subscription = Free(Utc(2026, 1, 1));
        subscription.StartTrial(Monthly, Utc(2026, 1, 1), Week);
        subscription.CancelTrial(Utc(2026, 1, 2));

        Assert.Throws<InvalidOperationException>(() => subscription.UndoCancellation(Utc(2026, 1, 3)));
    }
}
