using Microsoft.EntityFrameworkCore;
using ProfilePortal.Domain.Admin;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Payments;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Admin;

/// <summary>Admins' refunds: full or partial through the gateway, never past what was paid, audited, admins only.</summary>
public sealed class RefundServiceTests(PortalServices portal) : IClassFixture<PortalServices>
{
    private RefundService Refunds => portal.Get<RefundService>();

    [Fact]
    public async Task A_full_refund_marks_the_payment_refunded_records_who_and_why_and_is_audited()
    {
        var (admin, payment) = await PaidAsync();

        var refunded = await Refunds.RefundAsync(admin.Id, payment.Id, payment.Amount, " Charged twice ");

        Assert.True(refunded.Succeeded);
        Assert.Equal((PaymentStatus.Refunded, payment.Total), (refunded.Value.Status, refunded.Value.RefundedTotal));
        var stored = await PaymentAsync(payment.Id);
        Assert.Equal((PaymentStatus.Refunded, payment.Amount), (stored.Status, stored.RefundedAmount));
        var refund = Assert.Single(await RefundsOfAsync(payment.Id));
        Assert.Equal((payment.Amount, "Charged twice", (Guid?)admin.Id), (refund.Amount, refund.Reason, refund.ByUserId));
        Assert.StartsWith("sbx_rf_", refund.ProviderRefundId, StringComparison.Ordinal);
        Assert.Equal(("payment.refunded", (Guid?)admin.Id), (await portal.AuditOfAsync("payment", payment.Id.ToString())).Last());
    }

    [Fact]
    public async Task Partial_refunds_add_up_and_one_past_the_rest_is_refused()
    {
        var (admin, payment) = await PaidAsync();

        var first = await Refunds.RefundAsync(admin.Id, payment.Id, 100m, "Goodwill");
        var second = await Refunds.RefundAsync(admin.Id, payment.Id, 200.50m, "Goodwill again");
        var over = await Refunds.RefundAsync(admin.Id, payment.Id, payment.Amount - 300m, "Too much");

        Assert.Equal((PaymentStatus.PartiallyRefunded, 300.50m), (second.Value.Status, second.Value.RefundedTotal.Amount));
        Assert.True(first.Succeeded);
        Assert.Equal(RefundErrors.OverRefund, over.Errors.Single());
        Assert.Equal(300.50m, (await PaymentAsync(payment.Id)).RefundedAmount);
        Assert.Equal(2, (await RefundsOfAsync(payment.Id)).Count);
        var view = await Refunds.GetAsync(admin.Id, payment.Id);
        Assert.Equal((payment.Amount - 300.50m, true), (view.Value.Remaining.Amount, view.Value.CanRefund));
    }

    [Fact]
    public async Task The_providers_notification_of_an_admin_refund_is_not_counted_twice()
    {
        var (admin, payment) = await PaidAsync();
        var refunded = await Refunds.RefundAsync(admin.Id, payment.Id, 100m, "Goodwill");
        var refund = Assert.Single(await RefundsOfAsync(payment.Id));

        var verdict = await portal.Get<PaymentNotificationService>().HandleAsync(new ProviderNotification(
            "sandbox", NotificationKind.Refund, refund.ProviderRefundId!, payment.IdempotencyKey, payment.OrganizationId.ToString(), 100m, "RUB",
            null, null, null, payment.ProviderTransactionId, "refund"));

        Assert.True(refunded.Succeeded);
        Assert.Equal(NotificationVerdict.Accepted, verdict);
        Assert.Equal(100m, (await PaymentAsync(payment.Id)).RefundedAmount);
        Assert.Single(await RefundsOfAsync(payment.Id));
    }

    [Fact]
    public async Task An_unpaid_payment_a_wrong_amount_or_no_reason_is_refused()
    {
        var customer = await portal.CustomerAsync();
        var admin = await portal.AdminAsync();
        var checkout = await portal.Get<BillingService>().StartPlanPurchaseAsync(customer.Id, customer.OrganizationId, "new_quarterly");
        var (_, paid) = await PaidAsync();

        Assert.Equal(RefundErrors.NotPaid, (await Refunds.RefundAsync(admin.Id, checkout.Value.PaymentId, 10m, "Reason")).Errors.Single());
        Assert.Equal(RefundErrors.AmountInvalid, (await Refunds.RefundAsync(admin.Id, paid.Id, 0m, "Reason")).Errors.Single());
        Assert.Equal(RefundErrors.AmountInvalid, (await Refunds.RefundAsync(admin.Id, paid.Id, 1.001m, "Reason")).Errors.Single());
        Assert.Equal(RefundErrors.ReasonRequired, (await Refunds.RefundAsync(admin.Id, paid.Id, 10m, " ")).Errors.Single());
        Assert.Equal(RefundErrors.PaymentNotFound, (await Refunds.RefundAsync(admin.Id, Guid.NewGuid(), 10m, "Reason")).Errors.Single());
        Assert.Equal(PaymentStatus.Succeeded, (await PaymentAsync(paid.Id)).Status);
        Assert.False((await Refunds.GetAsync(admin.Id, checkout.Value.PaymentId)).Value.CanRefund);
    }

    [Fact]
    public async Task A_customer_calling_the_service_directly_is_refused_and_nothing_is_refunded()
    {
        var (_, payment) = await PaidAsync();
        var customer = await portal.CustomerAsync();

        var refund = await Refunds.RefundAsync(customer.Id, payment.Id, 10m, "Mine");
        var view = await Refunds.GetAsync(customer.Id, payment.Id);

        Assert.All(new Result[] { refund, view }, r => Assert.Equal(Error.Forbidden().Code, r.Errors.Single().Code));
        Assert.Equal((PaymentStatus.Succeeded, 0m), ((await PaymentAsync(payment.Id)).Status, (await PaymentAsync(payment.Id)).RefundedAmount));
        Assert.DoesNotContain(await portal.AuditOfAsync("payment", payment.Id.ToString()), a => a.Action == "payment.refunded");
    }

    private async Task<(Domain.Identity.ApplicationUser Admin, Payment Payment)> PaidAsync()
    {
        var customer = await portal.CustomerAsync();
        var payment = await portal.BuyAsync(customer);
        return (await portal.AdminAsync(), payment);
    }

    private async Task<Payment> PaymentAsync(Guid id)
    {
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        return await db.Payments.AsNoTracking().SingleAsync(p => p.Id == id);
    }

    private async Task<List<Refund>> RefundsOfAsync(Guid paymentId)
    {
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        return await db.Refunds.AsNoTracking().Where(r => r.PaymentId == paymentId).ToListAsync();
    }
}
