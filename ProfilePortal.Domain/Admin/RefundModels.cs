using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Payments;

namespace ProfilePortal.Domain.Admin;

/// <summary>A payment as the refund dialog shows it: what was paid, what went back already, what may still go back.</summary>
public sealed record RefundablePayment(
    Guid PaymentId, Guid OrganizationId, string ReceiptNumber, string Description, Money Amount, Money Refunded, PaymentStatus Status)
{
    public Money Remaining => new(Amount.Amount - Refunded.Amount, Amount.Currency);

    public bool CanRefund => Status is PaymentStatus.Succeeded or PaymentStatus.PartiallyRefunded && Remaining.Amount > 0;
}

/// <summary>A refund made: this one's amount, the payment's refunded total and its status after it.</summary>
public sealed record RefundReceipt(Guid RefundId, Guid PaymentId, Money Refunded, Money RefundedTotal, PaymentStatus Status);
