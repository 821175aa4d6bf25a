using ProfilePortal.Domain.Common;

namespace ProfilePortal.Domain.Payments;

/// <summary>
/// A payment provider: charges a saved card token, refunds a charge and voids an authorisation. The portal's
/// own scheduler owns every billing date, so the gateway never schedules anything itself. Implementations
/// must be idempotent on the request id (<see cref="ChargeRequest.RequestId"/>, <see cref="VoidRequest.RequestId"/>):
/// the same request sent twice is processed once and answered the same.
/// </summary>
public interface IPaymentGateway
{
    /// <summary>The provider's name as stored with payment methods and payments ("sandbox", "cloudpayments").</summary>
    string Provider { get; }

    Task<ChargeOutcome> ChargeAsync(ChargeRequest request, CancellationToken cancellationToken = default);

    Task<RefundOutcome> RefundAsync(RefundRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Checks that a saved card can be charged without keeping any money (an authorisation of a token amount,
    /// voided at once): a trial asks for a card the conversion will be able to charge.
    /// <see cref="ChargeOutcome.Succeeded"/> means the card is good; its transaction id names the voided hold.
    /// </summary>
    Task<ChargeOutcome> VerifyCardAsync(CardVerificationRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Cancels an authorisation that was never charged, releasing the money it holds: the check of a card
    /// binding (<see cref="CardBinding"/>).
    /// </summary>
    Task<VoidOutcome> VoidAsync(VoidRequest request, CancellationToken cancellationToken = default);
}

/// <summary>A card check; <see cref="RequestId"/> makes it idempotent like a charge.</summary>
public sealed record CardVerificationRequest(string CardToken, string AccountId, string RequestId, string? Email, string? IpAddress = null)
{
    /// <summary>The amount authorised and voided at once.</summary>
    public static Money HoldAmount { get; } = Money.Rubles(1m);
}

/// <summary>Who asked for a charge; providers treat customer-present and scheduled charges differently.</summary>
public enum ChargeInitiator
{
    /// <summary>A scheduled charge the merchant starts (renewal, trial conversion): CloudPayments TrInitiatorCode 0.</summary>
    Merchant = 0,

    /// <summary>The customer pressed "Pay" in the portal: CloudPayments TrInitiatorCode 1.</summary>
    Customer = 1,
}

/// <summary>
/// One attempt to charge a saved card. <see cref="InvoiceId"/> is the payment's idempotency key (subscription +
/// period, or the checkout key of a pack); <see cref="RequestId"/> is the key of this attempt
/// (<c>{InvoiceId}/{attempt}</c>), so a resent attempt is deduplicated by the provider while a new attempt after
/// a decline is a new request.
/// </summary>
public sealed record ChargeRequest(
    string CardToken,
    Money Amount,
    string InvoiceId,
    string RequestId,
    string AccountId,
    string Description,
    string? Email,
    ChargeInitiator Initiator,
    string? IpAddress = null);

/// <summary>Whether a decline is worth retrying with the same card.</summary>
public enum DeclineKind
{
    /// <summary>Retrying later may succeed (insufficient funds, do not honor).</summary>
    Soft = 0,

    /// <summary>Retrying the same card cannot succeed (expired, lost, stolen): the customer needs a new card.</summary>
    Hard = 1,
}

/// <summary>What a charge attempt came to.</summary>
public abstract record ChargeOutcome
{
    private ChargeOutcome()
    {
    }

    /// <summary>The money was taken; <paramref name="TransactionId"/> is the provider's id for refunds.</summary>
    public sealed record Succeeded(string TransactionId) : ChargeOutcome;

    /// <summary>
    /// The issuer or the provider refused the charge. <paramref name="Code"/> is the provider's reason code
    /// (e.g. 5051), or the gateway's own word for a refusal without one (CloudPayments: "3ds_required" when the
    /// issuer wants the customer present, "rejected" when the provider refused the request itself);
    /// <paramref name="Reason"/> a message for logs and support.
    /// </summary>
    public sealed record Declined(string Code, string Reason, DeclineKind Kind, string? TransactionId = null) : ChargeOutcome;

    /// <summary>
    /// The outcome is unknown or the provider could not process the request (timeout, 5xx, issuer
    /// unavailable). The same attempt may be resent with the same request id.
    /// </summary>
    public sealed record Failed(string Reason) : ChargeOutcome;
}

/// <summary>Returns money of a succeeded charge, wholly or in part.</summary>
public sealed record RefundRequest(string TransactionId, Money Amount, string RequestId);

/// <summary>What a refund came to.</summary>
public abstract record RefundOutcome
{
    private RefundOutcome()
    {
    }

    public sealed record Succeeded(string? RefundTransactionId) : RefundOutcome;

    public sealed record Failed(string Reason) : RefundOutcome;
}

/// <summary>
/// Releases the money an authorisation holds. <see cref="RequestId"/> is stable for the authorisation
/// (<c>{InvoiceId}/void</c>), so a void resent after no answer is processed once.
/// </summary>
public sealed record VoidRequest(string TransactionId, string RequestId);

/// <summary>What a void came to.</summary>
public abstract record VoidOutcome
{
    private VoidOutcome()
    {
    }

    /// <summary>The hold is released.</summary>
    public sealed record Succeeded : VoidOutcome;

    /// <summary>
    /// The provider answered with a refusal (the transaction is unknown, already settled or already cancelled).
    /// It answers the same request id the same way, so resending it is of no use.
    /// </summary>
    public sealed record Refused(string Reason) : VoidOutcome;

    /// <summary>The provider did not answer (timeout, 5xx, network); the same request may be resent later.</summary>
    public sealed record Failed(string Reason) : VoidOutcome;
}
