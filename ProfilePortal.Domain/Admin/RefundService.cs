using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ProfilePortal.Domain.Audit;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Domain.Payments;

namespace ProfilePortal.Domain.Admin;

/// <summary>
/// Admins refund a paid payment, wholly or in part, with a reason. The request id sent to the gateway is derived
/// from the payment and how many refunds it has (<c>{key}/refund/{n}</c>), so a double submit or a retry after a
/// lost answer is processed once by the provider, and the payment's version makes the second save a conflict, not a
/// second refund. The refund is stored under the provider's refund id, which is how
/// <see cref="PaymentNotificationService"/> recognises the provider's later notification of it and does not count
/// it twice. Admins only, checked in the database on every call; every refund is audited with its reason.
/// </summary>
public sealed partial class RefundService(
    IPortalDbContextFactory dbFactory, IPaymentGateway gateway, TimeProvider clock, ILogger<RefundService> logger)
{
    /// <summary>The payment as the refund dialog shows it.</summary>
    public async Task<Result<RefundablePayment>> GetAsync(Guid adminId, Guid paymentId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (await SiteAdmins.RefuseNonAdminAsync(db, adminId, logger, "refund payments", cancellationToken) is { } denied)
        {
            return denied;
        }

        var payment = await db.Payments.AsNoTracking().FirstOrDefaultAsync(p => p.Id == paymentId, cancellationToken);
        return payment is null ? RefundErrors.PaymentNotFound : View(payment);
    }

    /// <summary>Returns <paramref name="amount"/> (in the payment's currency) of a paid payment to the customer.</summary>
    public async Task<Result<RefundReceipt>> RefundAsync(
        Guid adminId, Guid paymentId, decimal amount, string? reason, CancellationToken cancellationToken = default)
    {
        if (amount <= 0 || decimal.Round(amount, 2) != amount)
        {
            return RefundErrors.AmountInvalid;
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return RefundErrors.ReasonRequired;
        }

        if (reason.Trim().Length > Refund.ReasonMaxLength)
        {
            return RefundErrors.ReasonTooLong;
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (await SiteAdmins.RefuseNonAdminAsync(db, adminId, logger, "refund payments", cancellationToken) is { } denied)
        {
            return denied;
        }

        var payment = await db.Payments.FirstOrDefaultAsync(p => p.Id == paymentId, cancellationToken);
        if (payment is null)
        {
            return RefundErrors.PaymentNotFound;
        }

        if (payment.Status is not (PaymentStatus.Succeeded or PaymentStatus.PartiallyRefunded) || payment.ProviderTransactionId is null)
        {
            return RefundErrors.NotPaid;
        }

        if (amount > payment.Amount - payment.RefundedAmount)
        {
            return RefundErrors.OverRefund;
        }

        var done = await db.Refunds.CountAsync(r => r.PaymentId == payment.Id, cancellationToken);
        var requestId = $"{payment.IdempotencyKey}/refund/{done + 1}";
        var outcome = await gateway.RefundAsync(new RefundRequest(payment.ProviderTransactionId, new Money(amount, payment.Currency), requestId), cancellationToken);
        if (outcome is RefundOutcome.Failed failed)
        {
            LogProviderFailed(logger, payment.Id, requestId, failed.Reason);
            return RefundErrors.ProviderFailed;
        }

        var providerRefundId = ((RefundOutcome.Succeeded)outcome).RefundTransactionId;
        var now = clock.GetUtcNow();
        var before = payment.Status;
        payment.RecordRefund(amount);
        var refund = Refund.Record(payment, amount, reason, adminId, providerRefundId, now);
        db.Refunds.Add(refund);
        db.AuditEntries.Add(AuditEntry.Record(
            adminId, "payment.refunded", "payment", payment.Id.ToString(), payment.OrganizationId,
            FieldChange.Describe([
                new("Refunded", null, amount.ToString(CultureInfo.InvariantCulture)),
                new("Status", before.ToString(), payment.Status.ToString()),
                new("Reason", null, refund.Reason),
                new("RequestId", null, requestId),
            ]),
            now));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another admin's refund or the provider's notification of this very refund was saved first. The
            // provider answered our request id once, so nothing more left the merchant's account.
            LogConflict(logger, payment.Id, requestId);
            return RefundErrors.Changed;
        }

        LogRefunded(logger, adminId, payment.Id, requestId);
        return new RefundReceipt(refund.Id, payment.Id, refund.Total, new Money(payment.RefundedAmount, payment.Currency), payment.Status);
    }

    private static RefundablePayment View(Payment p) =>
        new(p.Id, p.OrganizationId, p.ReceiptNumber, p.Description, p.Total, new Money(p.RefundedAmount, p.Currency), p.Status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin {AdminId} refunded payment {PaymentId} ({RequestId})")]
    private static partial void LogRefunded(ILogger logger, Guid adminId, Guid paymentId, string requestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The gateway did not refund payment {PaymentId} ({RequestId}): {Reason}")]
    private static partial void LogProviderFailed(ILogger logger, Guid paymentId, string requestId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payment {PaymentId} changed while refund {RequestId} was saved")]
    private static partial void LogConflict(ILogger logger, Guid paymentId, string requestId);
}
