using Microsoft.EntityFrameworkCore;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Organizations;
using ProfilePortal.Domain.Payments;
using ProfilePortal.Domain.Retention;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Payments;

/// <summary>Upgrades now and downgrades at the period end, end to end on SQLite and the sandbox gateway (ADR-011).</summary>
public sealed class PlanChangeTests(PortalServices portal) : IClassFixture<PortalServices>
{
    private PlanChangeService PlanChanges => portal.Get<PlanChangeService>();

    private BillingService Billing => portal.Get<BillingService>();

    private RenewalService Renewals => portal.Get<RenewalService>();

    private async Task<IPortalDbContext> DbAsync() => await portal.Get<IPortalDbContextFactory>().CreateAsync();

    [Fact]
    public async Task An_upgrade_mid_period_charges_the_new_price_less_the_credit_once_and_starts_a_new_period()
    {
        var customer = await portal.CustomerAsync();
        var bought = await portal.BuyAsync(customer, "new_quarterly");
        var before = await portal.SubscriptionAsync(customer.OrganizationId);
        portal.Clock.Advance(TimeSpan.FromDays(46));
        var now = portal.Clock.GetUtcNow();

        var quote = (await PlanChanges.QuoteAsync(customer.Id, customer.OrganizationId, "new_annual")).Value;
        var first = await PlanChanges.StartUpgradeAsync(customer.Id, customer.OrganizationId, "new_annual");
        var second = await PlanChanges.StartUpgradeAsync(customer.Id, customer.OrganizationId, "new_annual");

        var expectedCredit = Proration.Credit(bought.Total, before.CurrentPeriodStart, before.CurrentPeriodEnd!.Value, now);
        Assert.Equal((PlanChangeKind.Upgrade, expectedCredit, Money.Rubles(28800m - expectedCredit.Amount)), (quote.Kind, quote.Credit, quote.ChargeNow));
        Assert.Equal(first.Value!.PaymentId, second.Value!.PaymentId);
        Assert.Equal(quote.ChargeNow, first.Value.Amount);
        Assert.Equal(before.NextPaymentKey, first.Value.InvoiceId);

        var paid = await Billing.PayAsync(customer.Id, first.Value.PaymentId, newCard: null);
        var again = await Billing.PayAsync(customer.Id, first.Value.PaymentId, newCard: null);

        Assert.True(paid.Succeeded, string.Join("; ", paid.Errors.Select(e => e.Code)));
        Assert.Equal(BillingErrors.AlreadyPaid, again.Errors.Single());
        var upgraded = await portal.SubscriptionAsync(customer.OrganizationId);
        Assert.Equal(("new_annual", SubscriptionStatus.Active, 2), (upgraded.PlanCode, upgraded.Status, upgraded.BillingCycle));
        Assert.Equal((now, now.AddMonths(12)), (upgraded.CurrentPeriodStart, upgraded.CurrentPeriodEnd!.Value));
        var payments = await portal.PaymentsAsync(customer.OrganizationId);
        var upgrade = Assert.Single(payments, p => p.Purpose == PaymentPurpose.Upgrade);
        Assert.Equal((PaymentStatus.Succeeded, quote.ChargeNow.Amount, expectedCredit.Amount), (upgrade.Status, upgrade.Amount, upgrade.ProrationCredit));
        Assert.Contains("upgrade from Quarterly", upgrade.Description, StringComparison.Ordinal);
        Assert.Equal(2, portal.ChargesOf(payments).Count);
        Assert.Contains("subscription.upgraded", await portal.AuditActionsAsync(customer.OrganizationId));
        await using var db = await DbAsync();
        Assert.True(await db.ActivityEvents.AnyAsync(e => e.OrganizationId == customer.OrganizationId && e.Detail == "new_quarterly → new_annual"));
    }

    [Fact]
    public async Task The_credit_is_what_a_discounted_period_cost_and_the_upgrade_ends_the_discount()
    {
        var customer = await portal.CustomerAsync();
        await portal.BuyAsync(customer, "new_monthly");
        await using (var db = await DbAsync())
        {
            var subscription = await db.Subscriptions.Include(s => s.Plan).SingleAsync(s => s.OrganizationId == customer.OrganizationId);
            subscription.ApplyDiscount(subscription.Plan!, 20m, 2, portal.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        }

        portal.Clock.Advance(TimeSpan.FromDays(31));
        await Renewals.RunAsync();
        var renewed = await portal.SubscriptionAsync(customer.OrganizationId);
        portal.Clock.Advance(TimeSpan.FromDays(10));
        var now = portal.Clock.GetUtcNow();

        var quote = (await PlanChanges.QuoteAsync(customer.Id, customer.OrganizationId, "new_quarterly")).Value;
        var checkout = (await PlanChanges.StartUpgradeAsync(customer.Id, customer.OrganizationId, "new_quarterly")).Value!;
        await Billing.PayAsync(customer.Id, checkout.PaymentId, newCard: null);

        var credit = Proration.Credit(Money.Rubles(3120m), renewed.CurrentPeriodStart, renewed.CurrentPeriodEnd!.Value, now);
        Assert.Equal((credit, Money.Rubles(9900m - credit.Amount), true), (quote.Credit, checkout.Amount, quote.EndsDiscount));
        var upgraded = await portal.SubscriptionAsync(customer.OrganizationId);
        Assert.Equal(("new_quarterly", (decimal?)null), (upgraded.PlanCode, upgraded.DiscountPercent));
        Assert.Equal(Money.Rubles(9900m), (await Billing.GetOverviewAsync(customer.Id, customer.OrganizationId)).Value.NextCharge!.Amount);
    }

    [Fact]
    public async Task An_upgrade_takes_back_a_pending_cancellation()
    {
        var customer = await portal.CustomerAsync();
        await portal.BuyAsync(customer, "new_monthly");
        await using (var db = await DbAsync())
        {
            var subscription = await db.Subscriptions.SingleAsync(s => s.OrganizationId == customer.OrganizationId);
            subscription.CancelAtEnd("too_expensive", portal.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        }

        var quote = (await PlanChanges.QuoteAsync(customer.Id, customer.OrganizationId, "new_annual")).Value;
        var checkout = (await PlanChanges.StartUpgradeAsync(customer.Id, customer.OrganizationId, "new_annual")).Value!;
        await Billing.PayAsync(customer.Id, checkout.PaymentId, newCard: null);

        Assert.True(quote.TakesBackCancellation);
        var upgraded = await portal.SubscriptionAsync(customer.OrganizationId);
        Assert.Equal(("new_annual", false), (upgraded.PlanCode, upgraded.CancelAtPeriodEnd));
    }

    [Fact]
    public async Task A_quote_older_than_its_validity_is_not_charged_and_starting_again_reprices_the_same_payment()
    {
        var customer = await portal.CustomerAsync();
        await portal.BuyAsync(customer, "new_quarterly");
        portal.Clock.Advance(TimeSpan.FromDays(30));
        var first = (await PlanChanges.StartUpgradeAsync(customer.Id, customer.OrganizationId, "new_annual")).Value!;

        portal.Clock.Advance(PlanChangeRules.QuoteValidity + TimeSpan.FromMinutes(1));
        var late = await Billing.PayAsync(customer.Id, first.PaymentId, newCard: null);

        Assert.Equal(PlanChangeErrors.QuoteExpired, late.Errors.Single());
        Assert.Single(portal.ChargesOf(await portal.PaymentsAsync(customer.OrganizationId)));
        var fresh = (await PlanChanges.StartUpgradeAsync(customer.Id, customer.OrganizationId, "new_annual")).Value!;
        Assert.Equal(first.PaymentId, fresh.PaymentId);
        Assert.True(fresh.Amount.Amount > first.Amount.Amount);
        Assert.True((await Billing.PayAsync(customer.Id, fresh.PaymentId, newCard: null)).Succeeded);
        Assert.Equal("new_annual", (await portal.SubscriptionAsync(customer.OrganizationId)).PlanCode);
    }

    [Fact]
    public async Task A_downgrade_waits_for_the_period_end_where_the_sweep_charges_the_new_plan_and_switches()
    {
        var customer = await portal.CustomerAsync();
        await portal.BuyAsync(customer, "new_semiannual");
        var end = (await portal.SubscriptionAsync(customer.OrganizationId)).CurrentPeriodEnd!.Value;
        portal.Clock.Advance(TimeSpan.FromDays(20));

        var scheduled = await PlanChanges.ScheduleDowngradeAsync(customer.Id, customer.OrganizationId, "new_monthly");

        Assert.Equal((PlanChangeKind.Downgrade, end, 0m), (scheduled.Value.Kind, scheduled.Value.EffectiveAt, scheduled.Value.ChargeNow.Amount));
        var overview = (await Billing.GetOverviewAsync(customer.Id, customer.OrganizationId)).Value;
        Assert.Equal(("new_semiannual", "new_monthly", end), (overview.Plan.Code, overview.ScheduledChange!.Plan.Code, overview.ScheduledChange.At));
        Assert.Equal(new NextCharge(end, Money.Rubles(3900m)), overview.NextCharge);
        Assert.Single(await portal.PaymentsAsync(customer.OrganizationId));

        portal.Clock.SetUtcNow(end);
        await Renewals.RunAsync();

        var switched = await portal.SubscriptionAsync(customer.OrganizationId);
        Assert.Equal(("new_monthly", (string?)null, 2), (switched.PlanCode, switched.ScheduledPlanCode, switched.BillingCycle));
        Assert.Equal((end, end.AddMonths(1)), (switched.CurrentPeriodStart, switched.CurrentPeriodEnd!.Value));
        var renewal = Assert.Single(await portal.PaymentsAsync(customer.OrganizationId), p => p.Purpose == PaymentPurpose.Renewal);
        Assert.Equal((PaymentStatus.Succeeded, 3900m, "new_monthly"), (renewal.Status, renewal.Amount, renewal.PlanCode));
        Assert.Contains("subscription.downgraded", await portal.AuditActionsAsync(customer.OrganizationId));
    }

    [Fact]
    public async Task Keeping_the_current_plan_takes_the_downgrade_back_and_the_sweep_renews_the_old_plan()
    {
        var customer = await portal.CustomerAsync();
        await portal.BuyAsync(customer, "new_quarterly");
        await PlanChanges.ScheduleDowngradeAsync(customer.Id, customer.OrganizationId, "new_monthly");

        var kept = await PlanChanges.CancelScheduledDowngradeAsync(customer.Id, customer.OrganizationId);
        portal.Clock.Advance(TimeSpan.FromDays(93));
        await Renewals.RunAsync();

        Assert.True(kept.Succeeded);
        Assert.Null((await Billing.GetOverviewAsync(customer.Id, customer.OrganizationId)).Value.ScheduledChange);
        var renewal = Assert.Single(await portal.PaymentsAsync(customer.OrganizationId), p => p.Purpose == PaymentPurpose.Renewal);
        Assert.Equal((9900m, "new_quarterly"), (renewal.Amount, renewal.PlanCode));
        Assert.Equal(PlanChangeErrors.NothingScheduled, (await PlanChanges.CancelScheduledDowngradeAsync(customer.Id, customer.OrganizationId)).Errors.Single());
    }

    [Fact]
    public async Task An_upgrade_left_unpaid_at_the_period_end_becomes_the_renewal_of_the_current_plan()
    {
        var customer = await portal.CustomerAsync();
        await portal.BuyAsync(customer, "new_monthly");
        portal.Clock.Advance(TimeSpan.FromDays(20));
        var started = (await PlanChanges.StartUpgradeAsync(customer.Id, customer.OrganizationId, "new_annual")).Value!;

        portal.Clock.Advance(TimeSpan.FromDays(11));
        await Renewals.RunAsync();

        var payment = Assert.Single(await portal.PaymentsAsync(customer.OrganizationId), p => p.Id == started.PaymentId);
        Assert.Equal((PaymentPurpose.Renewal, PaymentStatus.Succeeded, 3900m, "new_monthly"), (payment.Purpose, payment.Status, payment.Amount, payment.PlanCode));
        var renewed = await portal.SubscriptionAsync(customer.OrganizationId);
        Assert.Equal(("new_monthly", 2), (renewed.PlanCode, renewed.BillingCycle));
        Assert.Equal(BillingErrors.AlreadyPaid, (await Billing.PayAsync(customer.Id, started.PaymentId, newCard: null)).Errors.Single());
    }

    [Fact]
    public async Task An_upgrade_the_credit_pays_for_is_applied_at_once_without_a_payment()
    {
        await using (var db = await DbAsync())
        {
            db.Plans.Add(Plan.Create("promo_2y", "Promo 2 years", PlanGeneration.New, isActive: true, 24, 100m, 500, 90));
            await db.SaveChangesAsync();
        }

        var customer = await portal.CustomerAsync();
        await portal.BuyAsync(customer, "new_annual");
        portal.Clock.Advance(TimeSpan.FromDays(1));

        var started = await PlanChanges.StartUpgradeAsync(customer.Id, customer.OrganizationId, "promo_2y");

        Assert.True(started.Succeeded);
        Assert.Null(started.Value);
        var upgraded = await portal.SubscriptionAsync(customer.OrganizationId);
        Assert.Equal(("promo_2y", portal.Clock.GetUtcNow().AddMonths(24)), (upgraded.PlanCode, upgraded.CurrentPeriodEnd!.Value));
        Assert.Single(await portal.PaymentsAsync(customer.OrganizationId));
        Assert.Contains("subscription.upgraded", await portal.AuditActionsAsync(customer.OrganizationId));
    }

    [Fact]
    public async Task Refused_changes_change_nothing()
    {
        var customer = await portal.CustomerAsync();
        await portal.BuyAsync(customer, "new_quarterly");
        var member = await portal.RegisteredUserAsync();
        await portal.JoinAsync(customer.OrganizationId, member.Id, OrganizationRole.Member);
        var stranger = await portal.CustomerAsync();
        var before = await portal.SubscriptionAsync(customer.OrganizationId);

        Assert.Equal(BillingErrors.ManagersOnly, (await PlanChanges.StartUpgradeAsync(member.Id, customer.OrganizationId, "new_annual")).Errors.Single());
        Assert.Equal(Error.Forbidden(), (await PlanChanges.QuoteAsync(stranger.Id, customer.OrganizationId, "new_annual")).Errors.Single());
        Assert.Equal(PlanChangeErrors.SamePlan, (await PlanChanges.QuoteAsync(customer.Id, customer.OrganizationId, "new_quarterly")).Errors.Single());
        Assert.Equal(PlanChangeErrors.PlanUnavailable, (await PlanChanges.QuoteAsync(customer.Id, customer.OrganizationId, "annual")).Errors.Single());
        Assert.Equal(PlanChangeErrors.NotAnUpgrade, (await PlanChanges.StartUpgradeAsync(customer.Id, customer.OrganizationId, "new_monthly")).Errors.Single());
        Assert.Equal(PlanChangeErrors.NotADowngrade, (await PlanChanges.ScheduleDowngradeAsync(customer.Id, customer.OrganizationId, "new_annual")).Errors.Single());
        Assert.Equal(BillingErrors.ManagersOnly, (await PlanChanges.ScheduleDowngradeAsync(member.Id, customer.OrganizationId, "new_monthly")).Errors.Single());

        var after = await portal.SubscriptionAsync(customer.OrganizationId);
        Assert.Equal((before.PlanCode, before.BillingCycle, before.Version, (string?)null), (after.PlanCode, after.BillingCycle, after.Version, after.ScheduledPlanCode));
        Assert.Single(await portal.PaymentsAsync(customer.OrganizationId));
    }

    [Fact]
    public async Task Trials_free_plans_and_past_due_subscriptions_are_refused_with_their_reason()
    {
        var onFree = await portal.CustomerAsync();
        Assert.Equal(PlanChangeErrors.NoPaidPlan, (await PlanChanges.QuoteAsync(onFree.Id, onFree.OrganizationId, "new_annual")).Errors.Single());

        var trialing = await portal.CustomerAsync();
        await portal.StartTrialAsync(trialing, "new_monthly");
        Assert.Equal(PlanChangeErrors.Trialing, (await PlanChanges.StartUpgradeAsync(trialing.Id, trialing.OrganizationId, "new_annual")).Errors.Single());

        var pastDue = await portal.CustomerAsync();
        await portal.BuyAsync(pastDue, "new_monthly");
        await Billing.SaveCardAsync(pastDue.Id, pastDue.OrganizationId, portal.Card(BillingScenario.NoFundsCard));
        portal.Clock.Advance(TimeSpan.FromDays(31));
        await Renewals.RunAsync();
        Assert.Equal(PlanChangeErrors.PastDue, (await PlanChanges.StartUpgradeAsync(pastDue.Id, pastDue.OrganizationId, "new_annual")).Errors.Single());
        Assert.Equal(PlanChangeErrors.PastDue, (await PlanChanges.ScheduleDowngradeAsync(pastDue.Id, pastDue.OrganizationId, "monthly")).Errors.Single());
        Assert.DoesNotContain(await portal.PaymentsAsync(pastDue.OrganizationId), p => p.Purpose == PaymentPurpose.Upgrade);
    }
}
