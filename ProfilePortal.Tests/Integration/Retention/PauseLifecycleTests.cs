using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Payments;
using ProfilePortal.Domain.Quotas;
using ProfilePortal.Domain.Retention;
using ProfilePortal.Domain.Trials;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Retention;

/// <summary>
/// A pause's whole life on a real database with the clock under test control: pausing, what is refused while
/// paused, the reminder before the end, the sweep's resumption and the next charge, resuming early and the
/// once-per-6-months rule.
/// </summary>
public sealed class PauseLifecycleTests(PortalServices portal) : IClassFixture<PortalServices>
{
    private PauseService Pauses => portal.Get<PauseService>();

    private BillingService Billing => portal.Get<BillingService>();

    private RenewalService Sweep => portal.Get<RenewalService>();

    private PauseReminderService Reminders => portal.Get<PauseReminderService>();

    [Fact]
    public async Task Pause_refuses_purchases_reminds_once_3_days_before_then_the_sweep_resumes_and_charges_the_shifted_period()
    {
        var customer = await portal.CustomerAsync();
        await portal.BuyAsync(customer, "new_monthly");
        var bought = await portal.SubscriptionAsync(customer.OrganizationId);
        var packCheckout = await Billing.StartPackPurchaseAsync(customer.Id, customer.OrganizationId, "starter", Guid.NewGuid().ToString("N"));
        portal.Clock.Advance(TimeSpan.FromDays(10));
        var pausedAt = portal.Clock.GetUtcNow();
        using var started = new MetricCollector<long>(portal.Get<IMeterFactory>(), BillingMetrics.MeterName, "pause_started");

        var paused = await Pauses.PauseAsync(customer.Id, customer.OrganizationId, 2);

        Assert.True(paused.Succeeded, string.Join("; ", paused.Errors.Select(e => e.Message)));
        var pauseEnds = pausedAt.AddMonths(2);
        var shiftedEnd = bought.CurrentPeriodEnd!.Value + (pauseEnds - pausedAt);
        Assert.Equal((pausedAt, pauseEnds, shiftedEnd, 3900m), (paused.Value.PausedAt, paused.Value.PauseEndsAt, paused.Value.NextCharge!.At, paused.Value.NextCharge.Amount.Amount));
        var subscription = await portal.SubscriptionAsync(customer.OrganizationId);
        Assert.Equal((SubscriptionStatus.Paused, (DateTimeOffset?)pausedAt, (DateTimeOffset?)null), (subscription.Status, subscription.LastPauseAt, subscription.PauseReminderSentAt));
        Assert.Equal(["payment-receipt", "pause-started"], await portal.EmailKindsToAsync(customer.User.Email!));
        Assert.Contains("subscription.paused", await portal.AuditActionsAsync(customer.OrganizationId));
        Assert.Equal(2, Assert.Single(started.GetMeasurementSnapshot()).Tags["months"]);
        Assert.Equal(paused.Value, await Pauses.GetPauseAsync(customer.Id, customer.OrganizationId));

        // Read-only: no launches, no plans, no packs, no trial.
        var quota = await portal.Get<QuotaService>().GetSnapshotAsync(customer.OrganizationId);
        Assert.Equal((QuotaBlock.Paused, false, (DateTimeOffset?)pauseEnds), (quota!.Block, quota.CanConsume, quota.PausedUntil));
        Assert.Equal(BillingErrors.Paused, Assert.Single((await Billing.StartPlanPurchaseAsync(customer.Id, customer.OrganizationId, "new_annual")).Errors));
        Assert.Equal(BillingErrors.Paused, Assert.Single((await Billing.StartPackPurchaseAsync(customer.Id, customer.OrganizationId, "starter", "k")).Errors));
        Assert.Equal(BillingErrors.Paused, Assert.Single((await Billing.PayAsync(customer.Id, packCheckout.Value.PaymentId, portal.Card())).Errors));
        Assert.Equal(TrialErrors.AlreadySubscribed.Code, (await portal.Get<TrialService>().GetOfferAsync(customer.Id, customer.OrganizationId)).UnavailableCode);
        Assert.Single(await portal.PaymentsAsync(customer.OrganizationId), p => p.Status == PaymentStatus.Succeeded);

        // The reminder: not before the lead, then once however often the sweep runs.
        portal.Clock.SetUtcNow(pauseEnds - TimeSpan.FromDays(3) - TimeSpan.FromHours(1));
        await Reminders.RunAsync();
        Assert.DoesNotContain("pause-reminder", await portal.EmailKindsToAsync(customer.User.Email!));
        portal.Clock.SetUtcNow(pauseEnds - TimeSpan.FromDays(3) + TimeSpan.FromHours(1));
        await Task.WhenAll(Reminders.RunAsync(), Reminders.RunAsync());
        await Reminders.RunAsync();
        Assert.Single(await portal.EmailKindsToAsync(customer.User.Email!), k => k == "pause-reminder");
        Assert.Equal(portal.Clock.GetUtcNow(), (await portal.SubscriptionAsync(customer.OrganizationId)).PauseReminderSentAt);

        // The sweep resumes at the pause's end; the paid time left runs first, then the next period is charged.
        using var resumed = new MetricCollector<long>(portal.Get<IMeterFactory>(), BillingMetrics.MeterName, "pause_resumed");
        portal.Clock.SetUtcNow(pauseEnds);
        await Sweep.RunAsync();
        await Reminders.RunAsync();
        subscription = await portal.SubscriptionAsync(customer.OrganizationId);
        Assert.Equal((SubscriptionStatus.Active, shiftedEnd, 1), (subscription.Status, subscription.CurrentPeriodEnd!.Value, subscription.BillingCycle));
        Assert.Equal("scheduled", Assert.Single(resumed.GetMeasurementSnapshot()).Tags["trigger"]);
        Assert.True((await portal.Get<QuotaService>().GetSnapshotAsync(customer.OrganizationId))!.CanConsume);
        Assert.Single(await portal.EmailKindsToAsync(customer.User.Email!), k => k == "pause-reminder");

        portal.Clock.SetUtcNow(shiftedEnd + TimeSpan.FromMinutes(1));
        await Sweep.RunAsync();
        await Sweep.RunAsync();
        var renewal = Assert.Single(await portal.PaymentsAsync(customer.OrganizationId), p => p.Purpose == PaymentPurpose.Renewal);
        Assert.Equal((PaymentStatus.Succeeded, 3900m), (renewal.Status, renewal.Amount));
        Assert.Single(portal.ChargesOf([renewal]));
        subscription = await portal.SubscriptionAsync(customer.OrganizationId);
        Assert.Equal((2, shiftedEnd), (subscription.BillingCycle, subscription.CurrentPeriodStart));
    }

    [Fact]
    public async Task Resume_early_moves_the_period_by_the_time_paused_and_the_next_charge_follows_it()
    {
        var customer = await portal.CustomerAsync();
        await portal.BuyAsync(customer, "new_quarterly");
        var periodEnd = (await portal.SubscriptionAsync(customer.OrganizationId)).CurrentPeriodEnd!.Value;
        Assert.True((await Pauses.PauseAsync(customer.Id, customer.OrganizationId, 3)).Succeeded);
        portal.Clock.Advance(TimeSpan.FromDays(12));
        using var resumed = new MetricCollector<long>(portal.Get<IMeterFactory>(), BillingMetrics.MeterName, "pause_resumed");

        var next = await Pauses.ResumeEarlyAsync(customer.Id, customer.OrganizationId);

        Assert.True(next.Succeeded);
        Assert.Equal((periodEnd + TimeSpan.FromDays(12), 9900m), (next.Value.At, next.Value.Amount.Amount));
        var subscription = await portal.SubscriptionAsync(customer.OrganizationId);
        Assert.Equal((SubscriptionStatus.Active, periodEnd + TimeSpan.FromDays(12)), (subscription.Status, subscription.CurrentPeriodEnd!.Value));
        Assert.Null(await Pauses.GetPauseAsync(customer.Id, customer.OrganizationId));
        Assert.Equal("customer", Assert.Single(resumed.GetMeasurementSnapshot()).Tags["trigger"]);
        var audit = await portal.AuditActionsAsync(customer.OrganizationId);
        Assert.Equal(["subscription.paused", "subscription.resumed"], audit.Where(a => a is "subscription.paused" or "subscription.resumed"));
        Assert.Equal(RetentionErrors.NotPaused, Assert.Single((await Pauses.ResumeEarlyAsync(customer.Id, customer.OrganizationId)).Errors));
        Assert.Equal(BillingErrors.AlreadySubscribed, Assert.Single((await Billing.StartPlanPurchaseAsync(customer.Id, customer.OrganizationId, "new_annual")).Errors));
    }

    [Fact]
    public async Task A_second_pause_within_6_months_is_refused_and_changes_nothing()
    {
        var customer = await portal.CustomerAsync();
        await portal.BuyAsync(customer, "new_quarterly");
        Assert.True((await Pauses.PauseAsync(customer.Id, customer.OrganizationId, 1)).Succeeded);
        portal.Clock.Advance(TimeSpan.FromDays(5));
        Assert.True((await Pauses.ResumeEarlyAsync(customer.Id, customer.OrganizationId)).Succeeded);
        portal.Clock.Advance(TimeSpan.FromDays(30));
        var before = await portal.SubscriptionAsync(customer.OrganizationId);
        var emails = await portal.EmailKindsToAsync(customer.User.Email!);
        var audit = await portal.AuditActionsAsync(customer.OrganizationId);

        var again = await Pauses.PauseAsync(customer.Id, customer.OrganizationId, 1);

        Assert.Equal(RetentionErrors.PauseCooldown, Assert.Single(again.Errors));
        var after = await portal.SubscriptionAsync(customer.OrganizationId);
        Assert.Equal((before.Status, before.Version, before.LastPauseAt, before.CurrentPeriodEnd), (after.Status, after.Version, after.LastPauseAt, after.CurrentPeriodEnd));
        Assert.Equal(emails, await portal.EmailKindsToAsync(customer.User.Email!));
        Assert.Equal(audit, await portal.AuditActionsAsync(customer.OrganizationId));
    }

    [Fact]
    public async Task Staging_refuses_a_length_not_offered_a_free_plan_a_trial_and_a_cancelling_subscription_without_touching_the_unit_of_work()
    {
        var free = await portal.CustomerAsync();
        var trial = await portal.CustomerAsync();
        await portal.StartTrialAsync(trial, "new_monthly");
        var cancelling = await portal.CustomerAsync();
        await portal.BuyAsync(cancelling, "new_monthly");
        var paying = await portal.CustomerAsync();
        await portal.BuyAsync(paying, "new_monthly");
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        var subscriptions = await db.Subscriptions
            .Where(s => new[] { free.OrganizationId, trial.OrganizationId, cancelling.OrganizationId, paying.OrganizationId }.Contains(s.OrganizationId))
            .ToDictionaryAsync(s => s.OrganizationId);
        subscriptions[cancelling.OrganizationId].CancelAtEnd("too_expensive", portal.Clock.GetUtcNow());
        await db.SaveChangesAsync();

        Assert.Equal(RetentionErrors.PauseLength, Assert.Single((await Pauses.StageAsync(db, subscriptions[paying.OrganizationId], paying.Id, 4, default)).Errors));
        Assert.Equal(RetentionErrors.PauseLength, Assert.Single((await Pauses.StageAsync(db, subscriptions[paying.OrganizationId], paying.Id, 0, default)).Errors));
        Assert.Equal(RetentionErrors.CannotPause, Assert.Single((await Pauses.StageAsync(db, subscriptions[free.OrganizationId], free.Id, 1, default)).Errors));
        Assert.Equal(RetentionErrors.CannotPause, Assert.Single((await Pauses.StageAsync(db, subscriptions[trial.OrganizationId], trial.Id, 1, default)).Errors));
        Assert.Equal(RetentionErrors.CannotPause, Assert.Single((await Pauses.StageAsync(db, subscriptions[cancelling.OrganizationId], cancelling.Id, 1, default)).Errors));
        Assert.False(((DbContext)db).ChangeTracker.HasChanges());

        Assert.True((await Pauses.StageAsync(db, subscriptions[paying.OrganizationId], paying.Id, 1, default)).Succeeded);
        Assert.Equal(SubscriptionStatus.Paused, subscriptions[paying.OrganizationId].Status);
        Assert.Equal(SubscriptionStatus.Active, (await portal.SubscriptionAsync(paying.OrganizationId)).Status);
        Assert.Equal(3, ((DbContext)db).ChangeTracker.Entries().Count(e => e.State == EntityState.Added));
    }

    [Fact]
    public async Task Only_managers_pause_or_resume_and_only_members_see_the_pause()
    {
        var customer = await portal.CustomerAsync();
        var stranger = await portal.CustomerAsync();
        await portal.BuyAsync(customer, "new_monthly");

        Assert.Equal(Error.Forbidden(), Assert.Single((await Pauses.PauseAsync(stranger.Id, customer.OrganizationId, 1)).Errors));
        Assert.True((await Pauses.PauseAsync(customer.Id, customer.OrganizationId, 1)).Succeeded);

        Assert.Null(await Pauses.GetPauseAsync(stranger.Id, customer.OrganizationId));
        Assert.NotNull(await Pauses.GetPauseAsync(customer.Id, customer.OrganizationId));
        Assert.Equal(Error.Forbidden(), Assert.Single((await Pauses.ResumeEarlyAsync(stranger.Id, customer.OrganizationId)).Errors));
        Assert.Equal(RetentionErrors.NotPaused, Assert.Single((await Pauses.ResumeEarlyAsync(stranger.Id, stranger.OrganizationId)).Errors));

        // Left paused, it would be resumed by another test's sweep and counted there.
        Assert.True((await Pauses.ResumeEarlyAsync(customer.Id, customer.OrganizationId)).Succeeded);
    }
}
