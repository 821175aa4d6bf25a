using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Time.Testing;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Quotas;
using ProfilePortal.Domain.Retention;

namespace ProfilePortal.Tests.Unit.Retention;

/// <summary>The rules of a pause on the subscription itself: who may pause, the first charge after it, the reminder once per pause.</summary>
public sealed class PauseRulesTests
{
    private static readonly Plan Monthly = PlanCatalog.Plans.Single(p => p.Code == "new_monthly");
    private static readonly TimeSpan Lead = TimeSpan.FromDays(3);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 10, 9, 0, 0, TimeSpan.Zero));

    private Subscription PaidMonthly()
    {
        var subscription = Subscription.StartFree(Guid.CreateVersion7(_clock.GetUtcNow()), _clock.GetUtcNow());
        subscription.Activate(Monthly, _clock.GetUtcNow());
        return subscription;
    }

    [Fact]
    public void Only_an_active_paid_subscription_that_is_not_a_trial_nor_cancelling_can_pause()
    {
        var now = _clock.GetUtcNow();
        var free = Subscription.StartFree(Guid.CreateVersion7(now), now);
        var trial = Subscription.StartFree(Guid.CreateVersion7(now), now);
        trial.StartTrial(Monthly, now, TimeSpan.FromDays(7));
        var cancelling = PaidMonthly();
        cancelling.CancelAtEnd("too_expensive", now);
        var paid = PaidMonthly();

        Assert.Equal((false, false, false, true), (free.CanPauseAt(now), trial.CanPauseAt(now), cancelling.CanPauseAt(now), paid.CanPauseAt(now)));
        Assert.False(paid.CanPauseAt(paid.CurrentPeriodEnd!.Value));
        paid.Pause(1, now);
        Assert.False(paid.CanPauseAt(now));
    }

    [Fact]
    public void The_first_charge_after_a_full_pause_is_at_the_period_end_moved_by_the_pause_and_keeps_a_discount_that_covered_it()
    {
        var subscription = PaidMonthly();
        var periodEnd = subscription.CurrentPeriodEnd!.Value;
        _clock.Advance(TimeSpan.FromDays(5));
        subscription.ApplyDiscount(Monthly, 20m, 1, _clock.GetUtcNow());
        Assert.Null(subscription.PeriodEndAfterPause);

        subscription.Pause(2, _clock.GetUtcNow());

        var paused = subscription.PauseEndsAt!.Value - subscription.PausedAt!.Value;
        var next = PauseService.NextChargeAfterPause(subscription, Monthly);
        Assert.Equal((periodEnd + paused, Money.Rubles(3120m)), (next!.At, next.Amount));
        subscription.Resume(subscription.PauseEndsAt!.Value);
        Assert.Equal((periodEnd + paused, Money.Rubles(3120m)), (subscription.CurrentPeriodEnd!.Value, subscription.PriceOfPeriod(Monthly, subscription.CurrentPeriodEnd!.Value)));
    }

    [Fact]
    public void The_reminder_is_due_within_the_lead_before_the_end_once_per_pause_and_a_new_pause_resets_it()
    {
        var subscription = PaidMonthly();
        subscription.Pause(1, _clock.GetUtcNow());
        var end = subscription.PauseEndsAt!.Value;

        Assert.False(subscription.PauseReminderDue(Lead, end - Lead - TimeSpan.FromMinutes(1)));
        Assert.True(subscription.PauseReminderDue(Lead, end - Lead));
        Assert.True(subscription.PauseReminderDue(Lead, end - TimeSpan.FromMinutes(1)));
        Assert.False(subscription.PauseReminderDue(Lead, end));

        subscription.RecordPauseReminder(end - Lead);

        Assert.False(subscription.PauseReminderDue(Lead, end - TimeSpan.FromHours(1)));
        Assert.Throws<InvalidOperationException>(() => subscription.RecordPauseReminder(end - TimeSpan.FromHours(1)));

        subscription.Resume(end);
        Assert.False(subscription.PauseReminderDue(Lead, end));
        subscription.Renew(Monthly);
        subscription.Pause(1, subscription.CurrentPeriodStart);
        Assert.Null(subscription.PauseReminderSentAt);
        Assert.True(subscription.PauseReminderDue(Lead, subscription.PauseEndsAt!.Value - Lead));
    }

    [Fact]
    public void A_paused_quota_blocks_consumption_whatever_is_left()
    {
        var start = _clock.GetUtcNow();
        var paused = new QuotaSnapshot(500, 0, 0, 10, start, start.AddMonths(1), QuotaLevel.Ok, PausedUntil: start.AddMonths(2));
        var exhausted = new QuotaSnapshot(50, 0, 0, 50, start, start.AddMonths(1), QuotaLevel.Exhausted);
        var running = new QuotaSnapshot(50, 0, 0, 10, start, start.AddMonths(1), QuotaLevel.Ok);

        Assert.Equal((QuotaBlock.Paused, false, 490), (paused.Block, paused.CanConsume, paused.Available));
        Assert.Equal((QuotaBlock.Exhausted, false), (exhausted.Block, exhausted.CanConsume));
        Assert.Equal((QuotaBlock.None, true), (running.Block, running.CanConsume));
    }

    [Theory]
    [InlineData("00:30:00", false)]
    [InlineData("3.00:00:00", true)]
    [InlineData("15.00:00:00", false)]
    public void The_reminder_lead_is_validated(string lead, bool valid)
    {
        var options = new RetentionOptions { PauseReminderLead = TimeSpan.Parse(lead, System.Globalization.CultureInfo.InvariantCulture) };

        Assert.Equal(valid, Validator.TryValidateObject(options, new ValidationContext(options), null, validateAllProperties: true));
    }

    [Fact]
    public void The_reminder_lead_defaults_to_3_days()
    {
        Assert.Equal(TimeSpan.FromDays(3), new RetentionOptions().PauseReminderLead);
    }
}
