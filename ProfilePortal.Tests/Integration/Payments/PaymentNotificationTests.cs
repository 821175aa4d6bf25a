using Microsoft.EntityFrameworkCore;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Payments;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Payments;

/// <summary>The provider-neutral handling of payment notifications (the widget path of CloudPayments).</summary>
public sealed class PaymentNotificationTests(PortalServices portal) : IClassFixture<PortalServices>
{
    private PaymentNotificationService Notifications => portal.Get<PaymentNotificationService>();

    private async Task<Checkout> CheckoutAsync(Customer customer, string plan = "new_quarterly") =>
        (await portal.Get<BillingService>().StartPlanPurchaseAsync(customer.Id, customer.OrganizationId, plan)).Value;

    private static ProviderNotification Notification(
        NotificationKind kind, Checkout checkout, string transactionId, decimal? amount = null, string currency = "RUB", string? account = null, string? invoice = null) =>
        new(
            "cloudpayments", kind, transactionId, invoice ?? checkout.InvoiceId, account ?? checkout.OrganizationId.ToString(), amount ?? checkout.Amount.Amount, currency,
            kind == NotificationKind.Pay ? new CardDetails("tk_" + transactionId, "Visa", "4242", 12, 2030, "card-1") : null,
            kind == NotificationKind.Fail ? "5051" : null, kind == NotificationKind.Fail ? "Insufficient funds" : null, null, $"TransactionId={transactionId}");

    [Fact]
    public async Task A_paid_widget_payment_activates_the_plan_and_saves_the_card()
    {
        var customer = await portal.CustomerAsync();
        var checkout = await CheckoutAsync(customer);

        Assert.Equal(NotificationVerdict.Accepted, await Notifications.HandleAsync(Notification(NotificationKind.Check, checkout, "1001")));
        Assert.Equal(NotificationVerdict.Accepted, await Notifications.HandleAsync(Notification(NotificationKind.Pay, checkout, "1001")));

        var subscription = await portal.SubscriptionAsync(customer.OrganizationId);
        Assert.Equal(("new_quarterly", SubscriptionStatus.Active), (subscription.PlanCode, subscription.Status));
        var payment = Assert.Single(await portal.PaymentsAsync(customer.OrganizationId));
        Assert.Equal((PaymentStatus.Succeeded, "1001", "cloudpayments"), (payment.Status, payment.ProviderTransactionId, payment.Provider));
        var overview = (await portal.Get<BillingService>().GetOverviewAsync(customer.Id, customer.OrganizationId)).Value;
        Assert.Equal("•••• 4242", overview.Card?.Mask);
        Assert.Contains("payment-receipt", await portal.EmailKindsToAsync(customer.User.Email!));
    }

    [Fact]
    public async Task The_same_pay_notification_a_hundred_times_in_parallel_settles_one_payment()
    {
        var customer = await portal.CustomerAsync();
        var checkout = await CheckoutAsync(customer);
        var pay = Notification(NotificationKind.Pay, checkout, "2002");

        var verdicts = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Task.Run(() => Notifications.HandleAsync(pay))));

        Assert.All(verdicts, v => Assert.Equal(NotificationVerdict.Accepted, v));
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        Assert.Equal(1, await db.PaymentNotifications.CountAsync(n => n.ExternalId == "2002"));
        Assert.Equal(1, await db.Payments.CountAsync(p => p.OrganizationId == customer.OrganizationId && p.Status == PaymentStatus.Succeeded));
        Assert.Equal(1, await db.PaymentMethods.CountAsync(m => m.OrganizationId == customer.OrganizationId));
        Assert.Equal(1, (await portal.EmailKindsToAsync(customer.User.Email!)).Count(k => k == "payment-receipt"));
        Assert.Equal(1, (await portal.AuditActionsAsync(customer.OrganizationId)).Count(a => a == "subscription.activated"));
        Assert.Equal(1, (await portal.SubscriptionAsync(customer.OrganizationId)).BillingCycle);
    }

    [Fact]
    public async Task A_check_for_an_invoice_already_paid_is_refused_so_a_double_click_in_the_widget_pays_once()
    {
        var customer = await portal.CustomerAsync();
        var checkout = await CheckoutAsync(customer);
        await Notifications.HandleAsync(Notification(NotificationKind.Pay, checkout, "3003"));

        var verdict = await Notifications.HandleAsync(Notification(NotificationKind.Check, checkout, "3004"));

        Assert.Equal(NotificationVerdict.Rejected, verdict);
    }

    [Fact]
    public async Task Mismatches_are_refused_with_the_provider_code_and_change_nothing()
    {
        var customer = await portal.CustomerAsync();
        var other = await portal.CustomerAsync();
        var checkout = await CheckoutAsync(customer);

        Assert.Equal(NotificationVerdict.UnknownInvoice, await Notifications.HandleAsync(Notification(NotificationKind.Pay, checkout, "4001", invoice: "no-such-invoice")));
        Assert.Equal(NotificationVerdict.WrongAmount, await Notifications.HandleAsync(Notification(NotificationKind.Pay, checkout, "4002", amount: 1m)));
        Assert.Equal(NotificationVerdict.WrongAmount, await Notifications.HandleAsync(Notification(NotificationKind.Pay, checkout, "4003", currency: "USD")));
        Assert.Equal(NotificationVerdict.Rejected, await Notifications.HandleAsync(Notification(NotificationKind.Pay, checkout, "4004", account: other.OrganizationId.ToString())));

        Assert.Equal(Plan.FreeCode, (await portal.SubscriptionAsync(customer.OrganizationId)).PlanCode);
        var payment = Assert.Single(await portal.PaymentsAsync(customer.OrganizationId));
        Assert.Equal((PaymentStatus.Pending, 0), (payment.Status, payment.Attempts));
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        Assert.Equal(0, await db.PaymentMethods.CountAsync(m => m.OrganizationId == customer.OrganizationId));
        Assert.Equal([10, 11, 11, 13], await db.PaymentNotifications.Where(n => n.ExternalId.StartsWith("400")).OrderBy(n => n.ExternalId).Select(n => n.ResultCode).ToListAsync());
    }

    [Fact]
    public async Task A_fail_notification_records_the_decline_and_the_checkout_can_be_paid_again()
    {
        var customer = await portal.CustomerAsync();
        var checkout = await CheckoutAsync(customer);
        await Notifications.HandleAsync(Notification(NotificationKind.Check, checkout, "5001"));

        Assert.Equal(NotificationVerdict.Accepted, await Notifications.HandleAsync(Notification(NotificationKind.Fail, checkout, "5001")));

        var payment = Assert.Single(await portal.PaymentsAsync(customer.OrganizationId));
        Assert.Equal((PaymentStatus.Failed, "5051"), (payment.Status, payment.FailureCode));
        Assert.Equal(NotificationVerdict.Accepted, await Notifications.HandleAsync(Notification(NotificationKind.Check, checkout, "5002")));
        Assert.Equal(NotificationVerdict.Accepted, await Notifications.HandleAsync(Notification(NotificationKind.Pay, checkout, "5002")));
        Assert.Equal("new_quarterly", (await portal.SubscriptionAsync(customer.OrganizationId)).PlanCode);
    }

    [Fact]
    public async Task A_refund_notification_is_recorded_once_and_never_past_the_amount()
    {
        var customer = await portal.CustomerAsync();
        var checkout = await CheckoutAsync(customer);
        await Notifications.HandleAsync(Notification(NotificationKind.Pay, checkout, "6001"));
        var refund = new ProviderNotification(
            "cloudpayments", NotificationKind.Refund, "6101", checkout.InvoiceId, checkout.OrganizationId.ToString(), 900m, "RUB", null, null, null, "6001", "refund");

        Assert.Equal(NotificationVerdict.Accepted, await Notifications.HandleAsync(refund));
        Assert.Equal(NotificationVerdict.Accepted, await Notifications.HandleAsync(refund));
        Assert.Equal(NotificationVerdict.WrongAmount, await Notifications.HandleAsync(refund with { ExternalId = "6102", Amount = 9900m }));

        var payment = Assert.Single(await portal.PaymentsAsync(customer.OrganizationId));
        Assert.Equal((PaymentStatus.PartiallyRefunded, 900m), (payment.Status, payment.RefundedAmount));
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        Assert.Equal(1, await db.Refunds.CountAsync(r => r.PaymentId == payment.Id));
    }
}
