using Microsoft.EntityFrameworkCore;
using ProfilePortal.Domain.Activity;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Features;
using ProfilePortal.Domain.Payments;
using ProfilePortal.Domain.Quotas;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Payments;

public sealed class PurchaseTests(PortalServices portal) : IClassFixture<PortalServices>
{
    private BillingService Billing => portal.Get<BillingService>();

    [Fact]
    public async Task Buying_a_plan_charges_once_activates_it_switches_the_quota_and_sends_a_receipt()
    {
        var customer = await portal.CustomerAsync();
        Assert.Equal(50, (await portal.Get<QuotaService>().GetSnapshotAsync(customer.OrganizationId))!.PlanAllowance);

        var payment = await portal.BuyAsync(customer, "new_quarterly");

        var now = portal.Clock.GetUtcNow();
        Assert.Equal((PaymentStatus.Succeeded, 9900m, "RUB", PaymentPurpose.Subscription), (payment.Status, payment.Amount, payment.Currency, payment.Purpose));
        var subscription = await portal.SubscriptionAsync(customer.OrganizationId);
        Assert.Equal(("new_quarterly", SubscriptionStatus.Active), (subscription.PlanCode, subscription.Status));
        Assert.Equal((now, now.AddMonths(3)), (subscription.CurrentPeriodStart, subscription.CurrentPeriodEnd!.Value));
        Assert.Equal(500, (await portal.Get<QuotaService>().GetSnapshotAsync(customer.OrganizationId))!.PlanAllowance);
        Assert.Single(portal.ChargesOf([payment]));
        Assert.Equal(ChargeInitiator.Customer, portal.ChargesOf([payment])[0].Initiator);
        Assert.Contains("payment-receipt", await portal.EmailKindsToAsync(customer.User.Email!));
        Assert.Equal(
            ["payment.succeeded", "payment_method.added", "subscription.activated"],
            (await portal.AuditActionsAsync(customer.OrganizationId)).Order(StringComparer.Ordinal));
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        Assert.True(await db.ActivityEvents.AnyAsync(a => a.UserId == customer.Id && a.Kind == ActivityKind.PlanChanged));
    }

    [Fact]
    public async Task A_second_checkout_and_a_double_click_on_pay_charge_once()
    {
        var customer = await portal.CustomerAsync();
        var first = await Billing.StartPlanPurchaseAsync(customer.Id, customer.OrganizationId, "new_monthly");
        var second = await Billing.StartPlanPurchaseAsync(customer.Id, customer.OrganizationId, "new_monthly");
        Assert.Equal(first.Value.PaymentId, second.Value.PaymentId);
        await Billing.SaveCardAsync(customer.Id, customer.OrganizationId, portal.Card());

        var clicks = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Task.Run(() => Billing.PayAsync(customer.Id, first.Value.PaymentId, newCard: null))));

        Assert.Contains(clicks, c => c.Succeeded);
        Assert.All(clicks.Where(c => !c.Succeeded), c => Assert.Contains(c.Errors[0].Code, new[] { "billing.in_progress", "billing.already_paid" }));
        var payments = await portal.PaymentsAsync(customer.OrganizationId);
        Assert.Single(payments);
        Assert.Single(portal.ChargesOf(payments));
        Assert.Equal(BillingErrors.AlreadyPaid.Code, (await Billing.PayAsync(customer.Id, first.Value.PaymentId, null)).Errors[0].Code);
        Assert.Equal(BillingErrors.AlreadySubscribed.Code, (await Billing.StartPlanPurchaseAsync(customer.Id, customer.OrganizationId, "new_annual")).Errors[0].Code);
    }

    [Fact]
    public async Task Choosing_another_plan_before_paying_repoints_the_same_checkout()
    {
        var customer = await portal.CustomerAsync();
        var monthly = await Billing.StartPlanPurchaseAsync(customer.Id, customer.OrganizationId, "new_monthly");

        var annual = await Billing.StartPlanPurchaseAsync(customer.Id, customer.OrganizationId, "new_annual");

        Assert.Equal(monthly.Value.PaymentId, annual.Value.PaymentId);
        Assert.Equal(28800m, annual.Value.Amount.Amount);
    }

    [Theory]
    [InlineData("monthly")]
    [InlineData("free")]
    [InlineData("no_such_plan")]
    public async Task An_inactive_free_or_unknown_plan_is_refused_and_nothing_is_stored(string planCode)
    {
        var customer = await portal.CustomerAsync();

        var result = await Billing.StartPlanPurchaseAsync(customer.Id, customer.OrganizationId, planCode);

        Assert.Equal(BillingErrors.PlanUnavailable.Code, result.Errors.Single().Code);
        Assert.Empty(await portal.PaymentsAsync(customer.OrganizationId));
        Assert.Equal(Plan.FreeCode, (await portal.SubscriptionAsync(customer.OrganizationId)).PlanCode);
    }

    [Fact]
    public async Task A_declined_card_changes_nothing_but_the_payment_and_another_card_then_pays_it()
    {
        var customer = await portal.CustomerAsync();
        var checkout = await Billing.StartPlanPurchaseAsync(customer.Id, customer.OrganizationId, "new_monthly");

        var declined = await Billing.PayAsync(customer.Id, checkout.Value.PaymentId, portal.Card(BillingScenario.NoFundsCard));

        Assert.Equal("billing.declined_funds", declined.Errors.Single().Code);
        Assert.Equal(Plan.FreeCode, (await portal.SubscriptionAsync(customer.OrganizationId)).PlanCode);
        var failed = Assert.Single(await portal.PaymentsAsync(customer.OrganizationId));
        Assert.Equal((PaymentStatus.Failed, "5051", DeclineKind.Soft), (failed.Status, failed.FailureCode, failed.DeclineKind!.Value));
        Assert.Null((await Billing.GetOverviewAsync(customer.Id, customer.OrganizationId)).Value.Card);

        var paid = await Billing.PayAsync(customer.Id, checkout.Value.PaymentId, portal.Card());

        Assert.True(paid.Succeeded);
        Assert.Equal(2, paid.Value.Attempts);
        Assert.Equal("new_monthly", (await portal.SubscriptionAsync(customer.OrganizationId)).PlanCode);
    }

    [Fact]
    public async Task A_declined_new_card_leaves_the_card_on_file_and_a_paying_one_replaces_it()
    {
        var customer = await portal.CustomerAsync();
        await Billing.SaveCardAsync(customer.Id, customer.OrganizationId, portal.Card("5555555555554444"));
        var checkout = await Billing.StartPlanPurchaseAsync(customer.Id, customer.OrganizationId, "new_monthly");

        await Billing.PayAsync(customer.Id, checkout.Value.PaymentId, portal.Card(BillingScenario.NoFundsCard));
        Assert.Equal("•••• 4444", (await Billing.GetOverviewAsync(customer.Id, customer.OrganizationId)).Value.Card!.Mask);

        await Billing.PayAsync(customer.Id, checkout.Value.PaymentId, portal.Card());
        Assert.Equal("•••• 4242", (await Billing.GetOverviewAsync(customer.Id, customer.OrganizationId)).Value.Card!.Mask);
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        Assert.Equal(1, await db.PaymentMethods.CountAsync(m => m.OrganizationId == customer.OrganizationId && m.RemovedAt == null));
    }

    [Fact]
    public async Task An_expired_card_is_a_hard_decline()
    {
        var customer = await portal.CustomerAsync();
        var checkout = await Billing.StartPlanPurchaseAsync(customer.Id, customer.OrganizationId, "new_monthly");

        var result = await Billing.PayAsync(customer.Id, checkout.Value.PaymentId, portal.Card(BillingScenario.ExpiredCard));

        Assert.Equal("billing.declined_hard", result.Errors.Single().Code);
        Assert.Equal(DeclineKind.Hard, (await portal.PaymentsAsync(customer.OrganizationId)).Single().DeclineKind);
    }

    [Fact]
    public async Task A_provider_without_answer_is_retried_with_the_same_request_and_charged_once()
    {
        var customer = await portal.CustomerAsync();
        var checkout = await Billing.StartPlanPurchaseAsync(customer.Id, customer.OrganizationId, "new_monthly");

        var first = await Billing.PayAsync(customer.Id, checkout.Value.PaymentId, portal.Card(BillingScenario.FlakyCard));
        Assert.Equal(BillingErrors.ProviderUnavailable.Code, first.Errors.Single().Code);
        Assert.Equal(BillingErrors.InProgress.Code, (await Billing.PayAsync(customer.Id, checkout.Value.PaymentId, null)).Errors.Single().Code);

        portal.Clock.Advance(TimeSpan.FromMinutes(1));
        var retry = await Billing.PayAsync(customer.Id, checkout.Value.PaymentId, portal.Card());

        Assert.True(retry.Succeeded);
        Assert.Equal(1, retry.Value.Attempts);
        Assert.EndsWith("0119", retry.Value.CardMask, StringComparison.Ordinal);
        Assert.Single(portal.ChargesOf([retry.Value]));
    }

    [Fact]
    public async Task Someone_outside_the_organization_cannot_start_pay_or_read_its_billing()
    {
        var owner = await portal.CustomerAsync();
        var stranger = await portal.CustomerAsync();
        var checkout = await Billing.StartPlanPurchaseAsync(owner.Id, owner.OrganizationId, "new_monthly");

        Assert.Equal("access.forbidden", (await Billing.StartPlanPurchaseAsync(stranger.Id, owner.OrganizationId, "new_monthly")).Errors.Single().Code);
        Assert.Equal("access.forbidden", (await Billing.PayAsync(stranger.Id, checkout.Value.PaymentId, portal.Card())).Errors.Single().Code);
        Assert.Equal("access.forbidden", (await Billing.GetOverviewAsync(stranger.Id, owner.OrganizationId)).Errors.Single().Code);
        Assert.Equal("access.forbidden", (await Billing.RemoveCardAsync(stranger.Id, owner.OrganizationId)).Errors.Single().Code);
        Assert.Empty(portal.ChargesOf(await portal.PaymentsAsync(owner.OrganizationId)));
    }

    [Fact]
    public async Task A_quota_pack_charges_the_saved_card_and_adds_its_launches_to_this_period()
    {
        var customer = await portal.CustomerAsync();
        var key = Guid.NewGuid().ToString("N");
        var checkout = await Billing.StartPackPurchaseAsync(customer.Id, customer.OrganizationId, "standard", key);
        Assert.Equal(BillingErrors.NoCard.Code, (await Billing.PayAsync(customer.Id, checkout.Value.PaymentId, null)).Errors.Single().Code);
        await Billing.SaveCardAsync(customer.Id, customer.OrganizationId, portal.Card());

        var paid = await Billing.PayAsync(customer.Id, checkout.Value.PaymentId, null);
        var again = await Billing.StartPackPurchaseAsync(customer.Id, customer.OrganizationId, "standard", key);

        Assert.True(paid.Succeeded);
        Assert.Equal(BillingErrors.AlreadyPaid.Code, again.Errors.Single().Code);
        var snapshot = await portal.Get<QuotaService>().GetSnapshotAsync(customer.OrganizationId);
        Assert.Equal((50, 100), (snapshot!.Purchased, snapshot.Limit));
        Assert.Contains("quota.pack_purchased", await portal.AuditActionsAsync(customer.OrganizationId));
    }

    [Fact]
    public async Task A_quota_pack_is_not_sold_while_the_payments_ui_is_off_even_to_a_crafted_request()
    {
        var customer = await portal.CustomerAsync();
        await Billing.SaveCardAsync(customer.Id, customer.OrganizationId, portal.Card());
        var opened = await Billing.StartPackPurchaseAsync(customer.Id, customer.OrganizationId, "standard", Guid.NewGuid().ToString("N"));
        var settings = portal.Get<FeatureSettings>();
        await settings.SetOverrideAsync(FeatureNames.PaymentsUi, enabled: false, rolloutPercentage: null, "admin@example.com");
        try
        {
            var started = await Billing.StartPackPurchaseAsync(customer.Id, customer.OrganizationId, "standard", Guid.NewGuid().ToString("N"));
            var paid = await Billing.PayAsync(customer.Id, opened.Value.PaymentId, null);

            Assert.Equal(BillingErrors.PacksOff.Code, started.Errors.Single().Code);
            Assert.Equal(BillingErrors.PacksOff.Code, paid.Errors.Single().Code);
            Assert.Empty(portal.ChargesOf(await portal.PaymentsAsync(customer.OrganizationId)));
            Assert.Equal(0, (await portal.Get<QuotaService>().GetSnapshotAsync(customer.OrganizationId))!.Purchased);
        }
        finally
        {
            await settings.ClearOverrideAsync(FeatureNames.PaymentsUi);
        }
    }

    [Fact]
    public async Task The_overview_shows_plan_next_charge_card_and_history()
    {
        var customer = await portal.CustomerAsync();
        await portal.BuyAsync(customer, "new_semiannual");

        var overview = (await Billing.GetOverviewAsync(customer.Id, customer.OrganizationId)).Value;

        var now = portal.Clock.GetUtcNow();
        Assert.Equal(("new_semiannual", SubscriptionStatus.Active), (overview.Plan.Code, overview.Status));
        Assert.Equal(new NextCharge(now.AddMonths(6), Money.Rubles(17400m)), overview.NextCharge);
        Assert.Equal(("Visa", "•••• 4242", false), (overview.Card!.Brand, overview.Card.Mask, overview.Card.IsExpired));
        var line = Assert.Single(overview.Payments);
        Assert.Equal((PaymentStatus.Succeeded, 17400m), (line.Status, line.Amount.Amount));
        var receipt = await Billing.GetReceiptAsync(customer.Id, line.Id);
        Assert.Equal(line.ReceiptNumber, receipt.Value.ReceiptNumber);
    }

    [Fact]
    public async Task The_sandbox_takes_cards_in_the_portal_s_form_so_a_widget_card_binding_is_refused()
    {
        var customer = await portal.CustomerAsync();

        var binding = await Billing.StartCardBindingAsync(customer.Id, customer.OrganizationId);

        Assert.Equal(BillingErrors.CardBindingUnavailable.Code, binding.Errors.Single().Code);
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        Assert.False(await db.CardBindings.AnyAsync(b => b.OrganizationId == customer.OrganizationId));
    }

    [Fact]
    public async Task Removing_the_card_leaves_the_organization_without_one()
    {
        var customer = await portal.CustomerAsync();
        await Billing.SaveCardAsync(customer.Id, customer.OrganizationId, portal.Card());

        Assert.True((await Billing.RemoveCardAsync(customer.Id, customer.OrganizationId)).Succeeded);

        Assert.Null((await Billing.GetOverviewAsync(customer.Id, customer.OrganizationId)).Value.Card);
        Assert.Equal(BillingErrors.NoCard.Code, (await Billing.RemoveCardAsync(customer.Id, customer.OrganizationId)).Errors.Single().Code);
    }
}
