using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Payments;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Payments.CloudPayments;

/// <summary>Charge requests for the emulator's test tokens, each with an invoice and request id of its own.</summary>
internal static class CloudPaymentsRequests
{
    public static ChargeRequest Charge(
        string token = CloudPaymentsEmulator.SuccessToken,
        decimal amount = 990m,
        string currency = Money.Rub,
        ChargeInitiator initiator = ChargeInitiator.Merchant)
    {
        var invoiceId = $"sub-{Guid.NewGuid():N}/2026-11";
        return new ChargeRequest(
            token,
            new Money(amount, currency),
            invoiceId,
            RequestId: $"{invoiceId}/1",
            AccountId: "user-7",
            Description: "Pro plan, monthly",
            Email: "ivan@example.com",
            initiator,
            IpAddress: "203.0.113.5");
    }
}
