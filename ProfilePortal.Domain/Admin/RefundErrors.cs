using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Payments;

namespace ProfilePortal.Domain.Admin;

/// <summary>The expected refusals of an admin's refund, with stable codes the UI localizes.</summary>
public static class RefundErrors
{
    public static readonly Error PaymentNotFound = Error.NotFound("payment");

    public static readonly Error NotPaid = new("refund.not_paid", "Only a paid payment can be refunded.");

    public static readonly Error OverRefund = Error.Validation("amount", "The amount is more than what is left to refund.");

    public static readonly Error AmountInvalid = Error.Validation("amount", "Enter a positive amount with at most two decimals.");

    public static readonly Error ReasonRequired = Error.Validation("reason", "Say why the payment is refunded.");

    public static readonly Error ReasonTooLong = Error.Validation("reason", $"A reason is at most {Refund.ReasonMaxLength} characters.");

    public static readonly Error ProviderFailed = new("refund.provider_failed", "The payment provider did not refund. Nothing was recorded; try again later.");

    public static readonly Error Changed = new("refund.changed", "The payment changed a moment ago. Check its refunds before trying again.");
}
