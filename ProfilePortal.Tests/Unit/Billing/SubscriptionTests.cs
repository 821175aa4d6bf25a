using ProfilePortal.Domain.Billing;

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

        subscription.MarkPastDue(Utc(2026, 12, 24));

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
}
