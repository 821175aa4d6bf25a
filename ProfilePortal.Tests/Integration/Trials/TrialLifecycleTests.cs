using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Features;
using ProfilePortal.Domain.Notifications;
using ProfilePortal.Domain.Payments;
using ProfilePortal.Domain.Quotas;
using ProfilePortal.Domain.Retention;
using ProfilePortal.Domain.Trials;
using ProfilePortal.Infrastructure.Payments.Sandbox;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Trials;

/// <summary>
/// A trial's whole life on a real database with the clock under test control: start, the two reminders, the
/// conversion, a cancel, a declined conversion with its retries and recovery, and the grace running out.
/// </summary>
public sealed class TrialLifecycleTests(PortalServices portal) : IClassFixture<PortalServices>
{
    private TrialService Trials => portal.Get<TrialService>();

    private RenewalService Sweep => portal.Get<RenewalService>();

    private TrialReminderService Reminders => portal.Get<TrialReminderService>();

    [Fact]
    public async Task Start_then_the_24_hour_and_1_hour_reminders_once_each_then_the_conversion_charges_the_plan_once()
    {
        var customer = await portal.CustomerAsync();
        var started = await portal.StartTrialAsync(customer, "new_quarterly");
        var start = portal.Clock.GetUtcNow();

        Assert.Equal(start.AddDays(7), started.EndsAt);
        var subscription = await portal.SubscriptionAsync(customer.OrganizationId);
        Assert.Equal((SubscriptionStatus.Trialing, "new_quarterly", start, start.AddDays(7)), (subscription.Status, subscription.PlanCode, subscription.TrialStartedAt!.Value, subscription.TrialEndsAt!.Value));
        Assert.Equal(500, (await portal.Get<QuotaService>().GetSnapshotAsync(customer.OrganizationId))!.PlanAllowance);
        Assert.Empty(portal.ChargesOf(await portal.PaymentsAsync(customer.OrganizationId)));
        await using (var db = await portal.Get<IPortalDbContextFactory>().CreateAsync())
        {
            var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == customer.Id);
            Assert.Equal((true, (DateTimeOffset?)start), (user.TrialUsed, user.TrialUsedAt));
        }

        Assert.Equal(["trial-started"], await portal.EmailKindsToAsync(customer.User.Email!));

        portal.Clock.SetUtcNow(started.EndsAt - TimeSpan.FromHours(25));
        await Reminders.RunAsync();
        Assert.Equal(["trial-started"], await portal.EmailKindsToAsync(customer.User.Email!));

        portal.Clock.SetUtcNow(started.EndsAt - TimeSpan.FromHours(23));
        await Reminders.RunAsync();
        await Reminders.RunAsync();
        Assert.Equal(["trial-started", "trial-reminder"], await portal.EmailKindsToAsync(customer.User.Email!));

        portal.Clock.SetUtcNow(started.EndsAt - TimeSpan.FromMinutes(50));
        await Task.WhenAll(Reminders.RunAsync(), Reminders.RunAsync());
        await Reminders.RunAsync();
        Assert.Equal(["trial-started", "trial-reminder", "trial-reminder"], await portal.EmailKindsToAsync(customer.User.Email!));

        portal.Clock.SetUtcNow(started.EndsAt + TimeSpan.FromMinutes(1));
        await Task.WhenAll(Sweep.RunAsync(), Sweep.RunAsync());
        await Sweep.RunAsync();

        var payments = await portal.PaymentsAsync(customer.OrganizationId);
        var conversion = Assert.Single(payments);
        Assert.Equal((PaymentPurpose.TrialConversion, PaymentStatus.Succeeded, 9900m), (conversion.Purpose, conversion.Status, conversion.Amount));
        Assert.Single(portal.ChargesOf(payments));
        Assert.Equal(ChargeInitiator.Merchant, portal.ChargesOf(payments)[0].Initiator);
        subscription = await portal.SubscriptionAsync(customer.OrganizationId);
        Assert.Equal((SubscriptionStatus.Active, started.EndsAt, started.EndsAt.AddMonths(3)), (subscription.Status, subscription.CurrentPeriodStart, subscription.CurrentPeriodEnd!.Value));
        Assert.Equal(TrialOutcome.Converted, (await portal.TrialOfAsync(customer.Id)).Outcome);
        Assert.Equal(["trial-started", "trial-reminder", "trial-reminder", "payment-receipt"], await portal.EmailKindsToAsync(customer.User.Email!));
        Assert.Contains("subscription.trial_converted", await portal.AuditActionsAsync(customer.OrganizationId));
    }

    [Fact]
    public async Task A_conversion_sweep_that_dies_after_the_provider_charged_is_recovered_without_a_second_charge()
    {
        var customer = await portal.CustomerAsync();
        var started = await portal.StartTrialAsync(customer, "new_monthly");
        portal.Clock.SetUtcNow(started.EndsAt + TimeSpan.FromMinutes(1));
        var crashing = new RenewalService(
            portal.Get<IPortalDbContextFactory>(), new CrashAfterCharge(portal.Get<SandboxGateway>()), portal.Get<PaymentSettlement>(),
            portal.Get<QuotaService>(), portal.Get<RetentionMetrics>(), portal.Get<IOptions<BillingOptions>>(), portal.Clock,
            NullLogger<RenewalService>.Instance);

        await crashing.RunAsync();
        Assert.Equal(SubscriptionStatus.Trialing, (await portal.SubscriptionAsync(customer.OrganizationId)).Status);
        portal.Clock.Advance(TimeSpan.FromMinutes(15));
        await Sweep.RunAsync();
        await Sweep.RunAsync();

        var conversion = Assert.Single(await portal.PaymentsAsync(customer.OrganizationId));
        Assert.Equal((PaymentPurpose.TrialConversion, PaymentStatus.Succeeded, 1), (conversion.Purpose, conversion.Status, conversion.Attempts));
        Assert.Single(portal.ChargesOf([conversion]));
        Assert.Equal((SubscriptionStatus.Active, started.EndsAt), ((await portal.SubscriptionAsync(customer.OrganizationId)).Status, (await portal.SubscriptionAsync(customer.OrganizationId)).CurrentPeriodStart));
        Assert.Single(await portal.EmailKindsToAsync(customer.User.Email!), k => k == "payment-receipt");
    }

    [Fact]
    public async Task A_reminder_sweep_that_dies_half_way_is_finished_by_the_next_without_a_second_email()
    {
        var customers = new List<Customer>();
        TrialStatus? last = null;
        for (var i = 0; i < 5; i++)
        {
            var customer = await portal.CustomerAsync();
            customers.Add(customer);
            last = await portal.StartTrialAsync(customer);
        }

        portal.Clock.SetUtcNow(last!.EndsAt - TimeSpan.FromHours(20));
        var crashing = new TrialReminderService(
            portal.Get<IPortalDbContextFactory>(),
            new EmailOutbox(portal.Get<IPortalDbContextFactory>(), new CrashAfterRenders(portal.Get<IEmailRenderer>(), rendersBeforeCrash: 3), portal.Clock),
            portal.Get<BillingMetrics>(),
            Options.Create(new TrialOptions { ReminderBatchSize = 2 }),
            portal.Get<IOptions<PortalLinkOptions>>(),
            portal.Clock,
            NullLogger<TrialReminderService>.Instance);

        await Assert.ThrowsAsync<InvalidOperationException>(() => crashing.RunAsync());
        var sentBeforeTheCrash = 0;
        foreach (var customer in customers)
        {
            sentBeforeTheCrash += (await portal.EmailKindsToAsync(customer.User.Email!)).Count(k => k == "trial-reminder");
        }

        await Reminders.RunAsync();
        await Reminders.RunAsync();

        Assert.InRange(sentBeforeTheCrash, 1, 4);
        foreach (var customer in customers)
        {
            Assert.Single(await portal.EmailKindsToAsync(customer.User.Email!), k => k == "trial-reminder");
        }
    }

    [Fact]
    public async Task A_sweep_that_comes_late_sends_only_the_reminder_that_is_due_now()
    {
        var customer = await portal.CustomerAsync();
        var started = await portal.StartTrialAsync(customer);

        portal.Clock.SetUtcNow(started.EndsAt - TimeSpan.FromMinutes(30));
        await Reminders.RunAsync();

        Assert.Equal(["trial-started", "trial-reminder"], await portal.EmailKindsToAsync(customer.User.Email!));
        Assert.Equal(2, (await portal.SubscriptionAsync(customer.OrganizationId)).TrialRemindersSent);
    }

    [Fact]
    public async Task A_cancelled_trial_keeps_access_to_its_end_is_never_charged_and_then_is_free()
    {
        var customer = await portal.CustomerAsync();
        var started = await portal.StartTrialAsync(customer);
        portal.Clock.Advance(TimeSpan.FromDays(2));

        var cancelled = await Trials.CancelAsync(customer.Id, customer.OrganizationId);
        var again = await Trials.CancelAsync(customer.Id, customer.OrganizationId);

        Assert.True(cancelled.Succeeded);
        Assert.Equal(TrialErrors.AlreadyCancelled.Code, again.Errors.Single().Code);
        var subscription = await portal.SubscriptionAsync(customer.OrganizationId);
        Assert.Equal((SubscriptionStatus.Trialing, true), (subscription.Status, subscription.HasPaidAccess));
        Assert.Equal(TrialOutcome.Cancelled, (await portal.TrialOfAsync(customer.Id)).Outcome);

        portal.Clock.SetUtcNow(started.EndsAt - TimeSpan.FromHours(2));
        await Reminders.RunAsync();
        portal.Clock.SetUtcNow(started.EndsAt + TimeSpan.FromMinutes(1));
        await Sweep.RunAsync();

        subscription = await portal.SubscriptionAsync(customer.OrganizationId);
        Assert.Equal((Plan.FreeCode, SubscriptionStatus.Active), (subscription.PlanCode, subscription.Status));
        Assert.Empty(await portal.PaymentsAsync(customer.OrganizationId));
        Assert.Equal(["trial-started", "trial-cancelled"], await portal.EmailKindsToAsync(customer.User.Email!));
        Assert.Equal(TrialErrors.AlreadyUsed.Code, (await Trials.StartAsync(customer.Id, customer.OrganizationId, "new_monthly", portal.Card(), null)).Errors.Single().Code);
    }

    [Fact]
    public async Task A_declined_conversion_keeps_access_in_grace_emails_on_each_failure_and_a_new_card_recovers_it_at_once()
    {
        var customer = await portal.CustomerAsync();
        var started = await portal.StartTrialAsync(customer, "new_monthly");
        await portal.Get<BillingService>().SaveCardAsync(customer.Id, customer.OrganizationId, portal.Card(BillingScenario.NoFundsCard));

        portal.Clock.SetUtcNow(started.EndsAt + TimeSpan.FromMinutes(1));
        await Sweep.RunAsync();
        var subscription = await portal.SubscriptionAsync(customer.OrganizationId);
        var graceEnd = started.EndsAt + TimeSpan.FromMinutes(1) + TimeSpan.FromDays(7);
        Assert.Equal((SubscriptionStatus.PastDue, true, graceEnd), (subscription.Status, subscription.HasPaidAccess, subscription.GraceEndsAt!.Value));
        Assert.Equal(portal.Clock.GetUtcNow().AddDays(1), subscription.NextChargeAttemptAt);

        portal.Clock.Advance(TimeSpan.FromDays(1));
        await Sweep.RunAsync();
        subscription = await portal.SubscriptionAsync(customer.OrganizationId);
        Assert.Equal((SubscriptionStatus.PastDue, 2, graceEnd), (subscription.Status, subscription.FailedChargeAttempts, subscription.GraceEndsAt!.Value));
        Assert.Equal(2, (await portal.EmailKindsToAsync(customer.User.Email!)).Count(k => k == "payment-failed"));

        // No sweep needed: replacing the card retries at once.
        await portal.Get<BillingService>().SaveCardAsync(customer.Id, customer.OrganizationId, portal.Card());

        subscription = await portal.SubscriptionAsync(customer.OrganizationId);
        Assert.Equal((SubscriptionStatus.Active, started.EndsAt, started.EndsAt.AddMonths(1), (DateTimeOffset?)null), (subscription.Status, subscription.CurrentPeriodStart, subscription.CurrentPeriodEnd!.Value, subscription.GraceEndsAt));
        var conversion = Assert.Single(await portal.PaymentsAsync(customer.OrganizationId));
        Assert.Equal((PaymentStatus.Succeeded, 3), (conversion.Status, conversion.Attempts));
        Assert.Single(portal.ChargesOf([conversion]));
        Assert.Equal(TrialOutcome.Converted, (await portal.TrialOfAsync(customer.Id)).Outcome);
    }

    [Fact]
    public async Task When_the_grace_runs_out_unpaid_the_organization_is_back_on_free_and_told_so()
    {
        var customer = await portal.CustomerAsync();
        var started = await portal.StartTrialAsync(customer, "new_monthly");
        await portal.Get<BillingService>().SaveCardAsync(customer.Id, customer.OrganizationId, portal.Card(BillingScenario.NoFundsCard));

        portal.Clock.SetUtcNow(started.EndsAt + TimeSpan.FromMinutes(1));
        for (var day = 0; day <= 7; day++)
        {
            await Sweep.RunAsync();
            portal.Clock.Advance(TimeSpan.FromDays(1));
        }

        var subscription = await portal.SubscriptionAsync(customer.OrganizationId);
        Assert.Equal((Plan.FreeCode, SubscriptionStatus.Active, false), (subscription.PlanCode, subscription.Status, subscription.HasPaidAccess));
        Assert.Equal(TrialOutcome.Expired, (await portal.TrialOfAsync(customer.Id)).Outcome);
        var emails = await portal.EmailKindsToAsync(customer.User.Email!);
        // Declined at the trial's end and on the retries 1, 3 and 5 days later; the grace ends on day 7.
        Assert.Equal(4, emails.Count(k => k == "payment-failed"));
        Assert.Equal("subscription-expired", emails[^1]);
        Assert.Equal(50, (await portal.Get<QuotaService>().GetSnapshotAsync(customer.OrganizationId))!.PlanAllowance);
        Assert.Contains("subscription.expired", await portal.AuditActionsAsync(customer.OrganizationId));
    }

    [Fact]
    public async Task Two_parallel_starts_give_one_trial()
    {
        var customer = await portal.CustomerAsync();

        // On threads of their own: SQLite completes its calls synchronously, so plain tasks would run one after another.
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            Task.Run(() => Trials.StartAsync(customer.Id, customer.OrganizationId, "new_quarterly", portal.Card(), $"203.0.113.{10 + i}"))));

        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Contains(r.Errors.Single().Code, new[] { TrialErrors.AlreadyUsed.Code, TrialErrors.Changed.Code }));
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        Assert.Equal(1, await db.Trials.CountAsync(t => t.UserId == customer.Id));
        Assert.Equal(["trial-started"], await portal.EmailKindsToAsync(customer.User.Email!));
    }

    [Theory]
    [InlineData("monthly")]
    [InlineData("free")]
    [InlineData("new_quarterly'; DROP TABLE Trials;--")]
    [InlineData("")]
    public async Task A_plan_that_is_not_on_sale_is_refused_and_nothing_changes(string planCode)
    {
        var customer = await portal.CustomerAsync();

        var result = await Trials.StartAsync(customer.Id, customer.OrganizationId, planCode, portal.Card(), null);

        Assert.Equal(BillingErrors.PlanUnavailable.Code, result.Errors.Single().Code);
        await AssertNothingChangedAsync(customer);
    }

    [Theory]
    [InlineData(BillingScenario.NoFundsCard, "billing.declined_funds")]
    [InlineData(BillingScenario.ExpiredCard, "billing.declined_hard")]
    public async Task A_card_the_provider_declines_starts_no_trial_and_leaves_the_trial_unused(string card, string code)
    {
        var customer = await portal.CustomerAsync();

        var result = await Trials.StartAsync(customer.Id, customer.OrganizationId, "new_quarterly", portal.Card(card), null);

        Assert.Equal(code, result.Errors.Single().Code);
        await AssertNothingChangedAsync(customer);
        Assert.True((await Trials.GetOfferAsync(customer.Id, customer.OrganizationId)).Available);
    }

    [Fact]
    public async Task A_paying_organization_cannot_start_a_trial_and_a_converted_trial_cannot_be_cancelled_as_one()
    {
        var paying = await portal.CustomerAsync();
        await portal.BuyAsync(paying, "new_monthly");
        var converted = await portal.CustomerAsync();
        var started = await portal.StartTrialAsync(converted, "new_monthly");
        portal.Clock.SetUtcNow(started.EndsAt + TimeSpan.FromMinutes(1));
        await Sweep.RunAsync();

        var refused = await Trials.StartAsync(paying.Id, paying.OrganizationId, "new_quarterly", portal.Card(), null);
        var cancel = await Trials.CancelAsync(converted.Id, converted.OrganizationId);

        Assert.Equal(TrialErrors.AlreadySubscribed.Code, refused.Errors.Single().Code);
        Assert.Equal(TrialErrors.AlreadyConverted.Code, cancel.Errors.Single().Code);
        Assert.Equal(SubscriptionStatus.Active, (await portal.SubscriptionAsync(converted.OrganizationId)).Status);
        Assert.False((await Trials.GetOfferAsync(paying.Id, paying.OrganizationId)).Available);
    }

    [Fact]
    public async Task Switching_the_rollout_off_hides_the_offer_from_new_people_and_running_trials_still_convert()
    {
        var running = await portal.CustomerAsync();
        var started = await portal.StartTrialAsync(running, "new_monthly");
        var newcomer = await portal.CustomerAsync();
        var settings = portal.Get<FeatureSettings>();
        await settings.SetOverrideAsync(FeatureNames.Trials, enabled: false, rolloutPercentage: null, "admin@example.com");
        try
        {
            var offer = await Trials.GetOfferAsync(newcomer.Id, newcomer.OrganizationId);
            var start = await Trials.StartAsync(newcomer.Id, newcomer.OrganizationId, "new_monthly", portal.Card(), null);
            portal.Clock.SetUtcNow(started.EndsAt + TimeSpan.FromMinutes(1));
            await Sweep.RunAsync();

            Assert.Equal((false, TrialErrors.NotOffered.Code), (offer.Available, offer.UnavailableCode));
            Assert.Equal(TrialErrors.NotOffered.Code, start.Errors.Single().Code);
            Assert.Equal(SubscriptionStatus.Active, (await portal.SubscriptionAsync(running.OrganizationId)).Status);
            Assert.Equal(TrialOutcome.Converted, (await portal.TrialOfAsync(running.Id)).Outcome);
        }
        finally
        {
            await settings.ClearOverrideAsync(FeatureNames.Trials);
        }
    }

    private async Task AssertNothingChangedAsync(Customer customer)
    {
        var subscription = await portal.SubscriptionAsync(customer.OrganizationId);
        Assert.Equal((Plan.FreeCode, SubscriptionStatus.Active), (subscription.PlanCode, subscription.Status));
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        Assert.False(await db.Users.Where(u => u.Id == customer.Id).Select(u => u.TrialUsed).SingleAsync());
        Assert.False(await db.Trials.AnyAsync(t => t.UserId == customer.Id));
        Assert.False(await db.PaymentMethods.AnyAsync(m => m.OrganizationId == customer.OrganizationId));
        Assert.Empty(await portal.EmailKindsToAsync(customer.User.Email!));
    }
}
