using Microsoft.EntityFrameworkCore;
using ProfilePortal.Domain.Audit;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Dashboards;
using ProfilePortal.Domain.Notifications;
using ProfilePortal.Domain.Payments;
using ProfilePortal.Domain.Retention;
using ProfilePortal.Domain.Trials;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Dashboards;

/// <summary>A short backfill, so each test's first run reaches only a few weeks back.</summary>
public sealed class DashboardServices : PortalServices
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Dashboard:BackfillDays"] = "40",
    };
}

/// <summary>
/// The rollup counts each event on its UTC day, recomputes late outcomes, and the dashboard sums the period. Event
/// figures only: each test starts 200 days after the last one with no figures stored, so earlier rows stay out of
/// its window (the subscription snapshot, which reads every subscription, has its own class).
/// </summary>
public sealed class DashboardRollupTests(DashboardServices portal) : IClassFixture<DashboardServices>
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    private DashboardRollup Rollup => portal.Get<DashboardRollup>();

    [Fact]
    public async Task Each_event_counts_on_its_UTC_day_and_the_period_sums_them_into_the_rates_seed_002_watches()
    {
        var admin = await portal.AdminAsync();
        var customer = await FreshStartAsync();
        var today = DashboardDays.Start(DashboardDays.Of(portal.Clock.GetUtcNow()));
        await AttemptsAsync(succeeded: 8, declined: 2, at: today + TimeSpan.FromHours(1));
        await AttemptsAsync(succeeded: 0, declined: 1, at: today - TimeSpan.FromSeconds(1));
        await portal.TrialsAsync(customer, 3, TrialOutcome.Converted);
        await portal.TrialsAsync(customer, 1, TrialOutcome.Cancelled);
        await portal.EmailsAsync(sent: 9, failed: 1, suppressed: 2);
        await portal.CancellationFlowsAsync(customer, 4, CancellationOutcome.Cancelled, TimeSpan.FromHours(3));
        await portal.CancellationFlowsAsync(customer, 1, CancellationOutcome.Abandoned, TimeSpan.FromHours(3));
        await portal.SubscriptionStoriesAsync(3, "subscription.paused", "subscription.resumed");
        await portal.SubscriptionStoriesAsync(1, "subscription.paused", "subscription.cancelled");
        await portal.SubscriptionStoriesAsync(1, "subscription.paused");
        await portal.SeedAsync((db, now) =>
        {
            db.TrialActivationAttempts.AddRange(
                TrialActivationAttempt.Succeeded(customer.Id, customer.OrganizationId, "new_monthly", now, null),
                TrialActivationAttempt.Succeeded(customer.Id, customer.OrganizationId, "new_monthly", now, null),
                TrialActivationAttempt.Failed(customer.Id, customer.OrganizationId, "new_monthly", now, "billing.provider_unavailable", null),
                TrialActivationAttempt.Blocked(customer.Id, customer.OrganizationId, "new_monthly", now, "trial.blocked", null));
            return Task.CompletedTask;
        });

        var run = await Rollup.RunAsync();
        var dashboard = await LoadAsync(admin.Id, 7);

        Assert.Equal(DashboardDays.Of(portal.Clock.GetUtcNow()), run.To);
        var totals = dashboard.Totals;
        Assert.Equal(new Ratio(3, 11), totals.ChargeErrors);
        Assert.Equal([null, null, null, null, null, 100d, 20d], dashboard.ChargeErrorPercent);
        Assert.Equal(4, totals.TrialsStarted);
        Assert.Equal(new Ratio(3, 4), totals.TrialToPaid);
        Assert.Equal(new Ratio(2, 3), totals.TrialActivation);
        Assert.Equal(new Ratio(9, 10), totals.EmailDelivery);
        Assert.Equal(new Ratio(4, 5), totals.CancellationCompletion);
        Assert.Equal(5, totals.PausesStarted);
        Assert.Equal(new Ratio(3, 4), totals.PauseResume);
        Assert.Equal(4, totals.Churn.Part);
        Assert.Equal(7, dashboard.Days.Count);
        Assert.Equal(portal.Clock.GetUtcNow(), dashboard.ComputedAt);
    }

    [Fact]
    public async Task A_later_run_moves_late_outcomes_to_their_day_and_a_run_over_the_same_events_writes_nothing()
    {
        var admin = await portal.AdminAsync();
        await FreshStartAsync();
        var pending = await PendingEmailAsync();
        await Rollup.RunAsync();
        Assert.Equal(Ratio.Empty, (await LoadAsync(admin.Id, 1)).Totals.EmailDelivery);

        portal.Clock.Advance(TimeSpan.FromMinutes(30));
        await portal.SeedAsync(async (db, now) =>
        {
            var message = await db.EmailMessages.SingleAsync(m => m.Id == pending);
            ((DbContext)db).Entry(message).Property(m => m.Status).CurrentValue = EmailStatus.Sent;
        });
        var second = await Rollup.RunAsync();
        var third = await Rollup.RunAsync();

        Assert.Equal(new Ratio(1, 1), (await LoadAsync(admin.Id, 1)).Totals.EmailDelivery);
        Assert.True(second.Written > 0);
        Assert.Equal(0, third.Written);
    }

    [Fact]
    public async Task A_save_counts_on_its_day_once_its_30_days_are_over_and_is_kept_only_without_a_cancellation()
    {
        var admin = await portal.AdminAsync();
        var customer = await FreshStartAsync();
        var other = await portal.CustomerAsync();
        var savedAt = portal.Clock.GetUtcNow();
        await SavesAsync(customer, 3, savedAt);
        await SavesAsync(other, 1, savedAt);
        await portal.SeedAsync(async (db, now) =>
        {
            var subscriptionId = await db.Subscriptions.Where(s => s.OrganizationId == customer.OrganizationId).Select(s => s.Id).FirstAsync();
            var flow = CancellationFeedback.Begin(customer.Id, customer.OrganizationId, subscriptionId, "new_monthly", CancellationReason.TooExpensive, null, null, now + 10 * Day);
            flow.Confirm(now + 10 * Day);
            db.CancellationFeedback.Add(flow);
        });

        await Rollup.RunAsync();
        Assert.Equal(Ratio.Empty, (await LoadAsync(admin.Id, 1)).Totals.SaveRate);

        portal.Clock.Advance(31 * Day);
        await Rollup.RunAsync();

        // The customer's three saves share a subscription, so the one cancellation 10 days later undoes all three.
        var dashboard = await LoadAsync(admin.Id, 40);
        Assert.Equal(new Ratio(1, 4), dashboard.Totals.SaveRate);
    }

    [Fact]
    public async Task A_trial_whose_conversion_expired_is_not_churn_but_a_paid_subscription_that_expired_is()
    {
        var admin = await portal.AdminAsync();
        var customer = await FreshStartAsync();
        await portal.SeedAsync(async (db, now) =>
        {
            var subscriptionId = await db.Subscriptions.Where(s => s.OrganizationId == customer.OrganizationId).Select(s => s.Id).FirstAsync();
            var trial = Trial.Start(customer.Id, customer.OrganizationId, subscriptionId, "new_monthly", now - 9 * Day, now - 2 * Day, null, null);
            trial.End(TrialOutcome.Expired, now);
            db.Trials.Add(trial);
            db.AuditEntries.Add(AuditEntry.Record(null, "subscription.expired", "subscription", subscriptionId.ToString(), customer.OrganizationId, "{}", now));
            db.AuditEntries.Add(AuditEntry.Record(null, "subscription.expired", "subscription", Guid.NewGuid().ToString(), null, "{}", now));
        });

        await Rollup.RunAsync();

        Assert.Equal(1, (await LoadAsync(admin.Id, 1)).Totals.Churn.Part);
    }

    [Fact]
    public async Task Only_admins_read_the_dashboard_and_a_period_backwards_in_the_future_or_too_long_is_refused()
    {
        var admin = await portal.AdminAsync();
        var customer = await portal.RegisteredUserAsync();
        var queries = portal.Get<DashboardQueries>();
        var today = DashboardDays.Of(portal.Clock.GetUtcNow());

        Assert.Equal(Error.Forbidden(), (await queries.LoadAsync(customer.Id, DashboardPeriod.Last(7, today))).Errors.Single());
        Assert.Equal(DashboardErrors.InvalidPeriod, (await queries.LoadAsync(admin.Id, new DashboardPeriod(today, today.AddDays(-1)))).Errors.Single());
        Assert.Equal(DashboardErrors.InvalidPeriod, (await queries.LoadAsync(admin.Id, DashboardPeriod.Last(7, today.AddDays(1)))).Errors.Single());
        Assert.Equal(DashboardErrors.PeriodTooLong, (await queries.LoadAsync(admin.Id, DashboardPeriod.Last(DashboardPeriod.MaxDays + 1, today))).Errors.Single());
        Assert.True((await queries.LoadAsync(admin.Id, DashboardPeriod.Last(DashboardPeriod.MaxDays, today))).Succeeded);
    }

    private async Task<Customer> FreshStartAsync()
    {
        portal.Clock.Advance(200 * Day);
        await using (var db = await portal.Get<IPortalDbContextFactory>().CreateAsync())
        {
            await db.DailyMetrics.ExecuteDeleteAsync();
        }

        return await portal.CustomerAsync();
    }

    private async Task<Dashboard> LoadAsync(Guid adminId, int days)
    {
        var result = await portal.Get<DashboardQueries>().LoadAsync(adminId, DashboardPeriod.Last(days, DashboardDays.Of(portal.Clock.GetUtcNow())));
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
        return result.Value;
    }

    private Task AttemptsAsync(int succeeded, int declined, DateTimeOffset at) =>
        portal.SeedAsync((db, _) =>
        {
            for (var i = 0; i < succeeded + declined; i++)
            {
                var action = i < succeeded ? PaymentSettlement.SucceededAction : PaymentSettlement.DeclinedAction;
                db.AuditEntries.Add(AuditEntry.Record(null, action, PaymentSettlement.AuditTarget, Guid.NewGuid().ToString(), null, "{}", at));
            }

            return Task.CompletedTask;
        });

    private async Task<Guid> PendingEmailAsync()
    {
        var id = Guid.Empty;
        await portal.SeedAsync((db, now) =>
        {
            var message = EmailMessage.Queue("test", Builders.UniqueEmail(), "en", Outbox.Content(), now);
            db.EmailMessages.Add(message);
            id = message.Id;
            return Task.CompletedTask;
        });
        return id;
    }

    private Task SavesAsync(Customer customer, int count, DateTimeOffset at) =>
        portal.SeedAsync(async (db, _) =>
        {
            var subscriptionId = await db.Subscriptions.Where(s => s.OrganizationId == customer.OrganizationId).Select(s => s.Id).FirstAsync();
            for (var i = 0; i < count; i++)
            {
                var flow = CancellationFeedback.Begin(
                    customer.Id, customer.OrganizationId, subscriptionId, "new_monthly", CancellationReason.TooExpensive, null, new SaveOffer.Discount(20, 3), at);
                flow.AcceptOffer(SaveOfferKind.Discount, null, at);
                db.CancellationFeedback.Add(flow);
            }
        });
}
