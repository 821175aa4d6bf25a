using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Payments;
using ProfilePortal.Domain.Quotas;
using ProfilePortal.Domain.Retention;
using ProfilePortal.Infrastructure.Payments.Sandbox;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Payments;

public sealed class RenewalTests(PortalServices portal) : IClassFixture<PortalServices>
{
    private RenewalService Renewals => portal.Get<RenewalService>();

    private BillingService Billing => portal.Get<BillingService>();

    [Fact]
    public async Task At_the_period_end_the_saved_card_is_charged_once_and_the_period_moves_on()
    {
        var customer = await portal.CustomerAsync();
        await portal.BuyAsync(customer, "new_monthly");
        var bought = await portal.SubscriptionAsync(customer.OrganizationId);

        portal.Clock.Advance(TimeSpan.FromDays(31));
        await Renewals.RunAsync();
        await Renewals.RunAsync();

        var renewed = await portal.SubscriptionAsync(customer.OrganizationId);
        Assert.Equal((bought.CurrentPeriodEnd!.Value, bought.CurrentPeriodEnd.Value.AddMonths(1)), (renewed.CurrentPeriodStart, renewed.CurrentPeriodEnd!.Value));
        Assert.Equal((SubscriptionStatus.Active, 2), (renewed.Status, renewed.BillingCycle));
        var payments = await portal.PaymentsAsync(customer.OrganizationId);
        var renewal = Assert.Single(payments, p => p.Purpose == PaymentPurpose.Renewal);
        Assert.Equal(($"{renewed.Id:N}:2", PaymentStatus.Succeeded, 3900m, (Guid?)null), (renewal.IdempotencyKey, renewal.Status, renewal.Amount, renewal.InitiatedByUserId));
        var charges = portal.ChargesOf(payments);
        Assert.Equal(2, charges.Count);
        Assert.Equal(ChargeInitiator.Merchant, charges.Single(c => c.InvoiceId == renewal.IdempotencyKey).Initiator);
        Assert.Equal(2, (await portal.EmailKindsToAsync(customer.User.Email!)).Count(k => k == "payment-receipt"));
        Assert.Contains("subscription.renewed", await portal.AuditActionsAsync(customer.OrganizationId));
    }

    [Fact]
    public async Task Nothing_is_charged_before_the_period_end()
    {
        var customer = await portal.CustomerAsync();
        await portal.BuyAsync(customer, "new_monthly");
        var end = (await portal.SubscriptionAsync(customer.OrganizationId)).CurrentPeriodEnd!.Value;

        portal.Clock.SetUtcNow(end.AddMinutes(-1));
        await Renewals.RunAsync();

        Assert.Single(await portal.PaymentsAsync(customer.OrganizationId));
    }

    [Fact]
    public async Task A_legacy_plan_renews_at_its_own_price()
    {
        var customer = await portal.CustomerAsync();
        await Billing.SaveCardAsync(customer.Id, customer.OrganizationId, portal.Card());
        await using (var db = await portal.Get<IPortalDbContextFactory>().CreateAsync())
        {
            var legacy = await db.Plans.AsNoTracking().SingleAsync(p => p.Code == "monthly");
            var subscription = await db.Subscriptions.SingleAsync(s => s.OrganizationId == customer.OrganizationId);
            subscription.Activate(legacy, portal.Clock.GetUtcNow().AddMonths(-1));
            await db.SaveChangesAsync();
        }

        await Renewals.RunAsync();

        var renewal = Assert.Single(await portal.PaymentsAsync(customer.OrganizationId));
        Assert.Equal((PaymentStatus.Succeeded, 2990m, "monthly"), (renewal.Status, renewal.Amount, renewal.PlanCode));
        Assert.Equal(SubscriptionStatus.Active, (await portal.SubscriptionAsync(customer.OrganizationId)).Status);
    }

    [Fact]
    public async Task A_soft_decline_makes_it_past_due_with_a_retry_and_a_new_card_pays_it()
    {
        var customer = await portal.CustomerAsync();
        await portal.BuyAsync(customer, "new_monthly");
        await Billing.SaveCardAsync(customer.Id, customer.OrganizationId, portal.Card(BillingScenario.NoFundsCard));
        portal.Clock.Advance(TimeSpan.FromDays(31));

        await Renewals.RunAsync();

        var pastDue = await portal.SubscriptionAsync(customer.OrganizationId);
        Assert.Equal((SubscriptionStatus.PastDue, 1), (pastDue.Status, pastDue.FailedChargeAttempts));
        Assert.Equal(portal.Clock.GetUtcNow().AddDays(1), pastDue.NextChargeAttemptAt);
        var failed = (await portal.PaymentsAsync(customer.OrganizationId)).Single(p => p.Purpose == PaymentPurpose.Renewal);
        Assert.Equal((PaymentStatus.Failed, "5051"), (failed.Status, failed.FailureCode));

        await Billing.SaveCardAsync(customer.Id, customer.OrganizationId, portal.Card());
        await Renewals.RunAsync();

        var renewed = await portal.SubscriptionAsync(customer.OrganizationId);
        Assert.Equal((SubscriptionStatus.Active, 2), (renewed.Status, renewed.BillingCycle));
        var paid = (await portal.PaymentsAsync(customer.OrganizationId)).Single(p => p.Purpose == PaymentPurpose.Renewal);
        Assert.Equal((PaymentStatus.Succeeded, 2), (paid.Status, paid.Attempts));
    }

    [Fact]
    public async Task A_hard_decline_waits_for_a_new_card_instead_of_retrying()
    {
        var customer = await portal.CustomerAsync();
        await portal.BuyAsync(customer, "new_monthly");
        await Billing.SaveCardAsync(customer.Id, customer.OrganizationId, portal.Card(BillingScenario.ExpiredCard));
        portal.Clock.Advance(TimeSpan.FromDays(31));

        await Renewals.RunAsync();
        portal.Clock.Advance(TimeSpan.FromDays(6));
        await Renewals.RunAsync();

        var subscription = await portal.SubscriptionAsync(customer.OrganizationId);
        Assert.Equal((SubscriptionStatus.PastDue, (DateTimeOffset?)null), (subscription.Status, subscription.NextChargeAttemptAt));
        Assert.Equal(1, (await portal.PaymentsAsync(customer.OrganizationId)).Single(p => p.Purpose == PaymentPurpose.Renewal).Attempts);
    }

    [Fact]
    public async Task A_provider_without_answer_is_resent_later_as_the_same_request_and_charged_once()
    {
        var customer = await portal.CustomerAsync();
        await portal.BuyAsync(customer, "new_monthly");
        await Billing.SaveCardAsync(customer.Id, customer.OrganizationId, portal.Card(BillingScenario.FlakyCard));
        portal.Clock.Advance(TimeSpan.FromDays(31));

        await Renewals.RunAsync();
        var open = (await portal.PaymentsAsync(customer.OrganizationId)).Single(p => p.Purpose == PaymentPurpose.Renewal);
        Assert.Equal((PaymentStatus.Pending, 1, "provider_unavailable"), (open.Status, open.Attempts, open.FailureCode));
        Assert.Equal(SubscriptionStatus.Active, (await portal.SubscriptionAsync(customer.OrganizationId)).Status);

        await Renewals.RunAsync();
        Assert.Equal(PaymentStatus.Pending, (await portal.PaymentsAsync(customer.OrganizationId)).Single(p => p.Purpose == PaymentPurpose.Renewal).Status);
        portal.Clock.Advance(TimeSpan.FromMinutes(15));
        await Renewals.RunAsync();

        var payments = await portal.PaymentsAsync(customer.OrganizationId);
        var paid = payments.Single(p => p.Purpose == PaymentPurpose.Renewal);
        Assert.Equal((PaymentStatus.Succeeded, 1), (paid.Status, paid.Attempts));
        Assert.Single(portal.ChargesOf([paid]));
    }

    [Fact]
    public async Task A_crash_after_the_provider_charged_is_recovered_without_a_second_charge()
    {
        var customer = await portal.CustomerAsync();
        await portal.BuyAsync(customer, "new_monthly");
        portal.Clock.Advance(TimeSpan.FromDays(31));
        var crashing = new RenewalService(
            portal.Get<IPortalDbContextFactory>(), new CrashAfterCharge(portal.Get<SandboxGateway>()), portal.Get<PaymentSettlement>(),
            portal.Get<QuotaService>(), portal.Get<RetentionMetrics>(), portal.Get<IOptions<BillingOptions>>(), portal.Clock,
            NullLogger<RenewalService>.Instance);

        await crashing.RunAsync();
        portal.Clock.Advance(TimeSpan.FromMinutes(15));
        await Renewals.RunAsync();

        var payments = await portal.PaymentsAsync(customer.OrganizationId);
        var renewal = payments.Single(p => p.Purpose == PaymentPurpose.Renewal);
        Assert.Equal((PaymentStatus.Succeeded, 1), (renewal.Status, renewal.Attempts));
        Assert.Single(portal.ChargesOf([renewal]));
        Assert.Equal(2, (await portal.SubscriptionAsync(customer.OrganizationId)).BillingCycle);
    }

    [Fact]
    public async Task Overlapping_runs_charge_each_period_once()
    {
        var customers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => portal.CustomerAsync()));
        foreach (var customer in customers)
        {
            await portal.BuyAsync(customer, "new_monthly");
        }

        portal.Clock.Advance(TimeSpan.FromDays(31));
        await Task.WhenAll(Renewals.RunAsync(), Renewals.RunAsync(), Renewals.RunAsync());
        await Renewals.RunAsync();

        foreach (var customer in customers)
        {
            var payments = await portal.PaymentsAsync(customer.OrganizationId);
            Assert.Equal(2, portal.ChargesOf(payments).Count);
            Assert.Equal(2, (await portal.SubscriptionAsync(customer.OrganizationId)).BillingCycle);
        }
    }

    [Fact]
    public async Task A_subscription_cancelled_for_the_period_end_goes_back_to_free_without_a_charge()
    {
        var customer = await portal.CustomerAsync();
        await portal.BuyAsync(customer, "new_monthly");
        await using (var db = await portal.Get<IPortalDbContextFactory>().CreateAsync())
        {
            var subscription = await db.Subscriptions.SingleAsync(s => s.OrganizationId == customer.OrganizationId);
            subscription.CancelAtEnd("taking a break", portal.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        }

        portal.Clock.Advance(TimeSpan.FromDays(31));
        await Renewals.RunAsync();

        var ended = await portal.SubscriptionAsync(customer.OrganizationId);
        Assert.Equal((Plan.FreeCode, SubscriptionStatus.Active), (ended.PlanCode, ended.Status));
        Assert.Single(await portal.PaymentsAsync(customer.OrganizationId));
        Assert.Contains("subscription.ended", await portal.AuditActionsAsync(customer.OrganizationId));
        Assert.Equal(50, (await portal.Get<QuotaService>().GetSnapshotAsync(customer.OrganizationId))!.PlanAllowance);
    }

    [Fact]
    public async Task A_discount_lowers_the_renewals_it_covers_shows_on_billing_and_then_ends()
    {
        var customer = await portal.CustomerAsync();
        await portal.BuyAsync(customer, "new_monthly");
        await using (var db = await portal.Get<IPortalDbContextFactory>().CreateAsync())
        {
            var subscription = await db.Subscriptions.Include(s => s.Plan).SingleAsync(s => s.OrganizationId == customer.OrganizationId);
            subscription.ApplyDiscount(subscription.Plan!, 20m, 1, portal.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        }

        var overview = (await Billing.GetOverviewAsync(customer.Id, customer.OrganizationId)).Value;
        Assert.Equal(Money.Rubles(3120m), overview.NextCharge!.Amount);
        Assert.Equal(20m, overview.Discount!.Percent);

        portal.Clock.Advance(TimeSpan.FromDays(31));
        await Renewals.RunAsync();
        portal.Clock.Advance(TimeSpan.FromDays(31));
        await Renewals.RunAsync();

        var renewals = (await portal.PaymentsAsync(customer.OrganizationId)).Where(p => p.Purpose == PaymentPurpose.Renewal).Select(p => p.Amount).ToList();
        Assert.Equal([3120m, 3900m], renewals);
        Assert.Null((await Billing.GetOverviewAsync(customer.Id, customer.OrganizationId)).Value.Discount);
    }

    [Fact]
    public async Task A_pause_stops_the_renewal_and_the_sweep_resumes_it_at_its_end_and_charges_the_shifted_period()
    {
        var customer = await portal.CustomerAsync();
        await portal.BuyAsync(customer, "new_monthly");
        var boughtAt = portal.Clock.GetUtcNow();
        portal.Clock.Advance(TimeSpan.FromDays(20));
        await using (var db = await portal.Get<IPortalDbContextFactory>().CreateAsync())
        {
            var subscription = await db.Subscriptions.SingleAsync(s => s.OrganizationId == customer.OrganizationId);
            subscription.Pause(1, portal.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        }

        var pausedAt = portal.Clock.GetUtcNow();
        portal.Clock.Advance(TimeSpan.FromDays(15));
        await Renewals.RunAsync();
        Assert.Equal(SubscriptionStatus.Paused, (await portal.SubscriptionAsync(customer.OrganizationId)).Status);
        Assert.Single(await portal.PaymentsAsync(customer.OrganizationId));

        portal.Clock.SetUtcNow(pausedAt.AddMonths(1));
        var result = await Renewals.RunAsync();

        var resumed = await portal.SubscriptionAsync(customer.OrganizationId);
        Assert.Equal(1, result.Resumed);
        Assert.Equal((SubscriptionStatus.Active, boughtAt.AddMonths(1) + (pausedAt.AddMonths(1) - pausedAt)), (resumed.Status, resumed.CurrentPeriodEnd!.Value));
        Assert.Single(await portal.PaymentsAsync(customer.OrganizationId));
        Assert.Contains("subscription.resumed", await portal.AuditActionsAsync(customer.OrganizationId));

        portal.Clock.SetUtcNow(resumed.CurrentPeriodEnd!.Value);
        await Renewals.RunAsync();
        Assert.Equal(2, (await portal.SubscriptionAsync(customer.OrganizationId)).BillingCycle);
    }
}
