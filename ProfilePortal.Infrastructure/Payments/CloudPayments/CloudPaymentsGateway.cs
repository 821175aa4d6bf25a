using System.Globalization;
using Microsoft.Extensions.Logging;
using ProfilePortal.Domain.Payments;

namespace ProfilePortal.Infrastructure.Payments.CloudPayments;

/// <summary>
/// <see cref="IPaymentGateway"/> over CloudPayments: translates the provider's replies into the domain's
/// outcomes (charges, refunds, voids of a card binding's check). Declines are sorted by <see cref="CloudPaymentsReasonCodes"/>; an unavailable issuer, a timeout, a
/// 5xx or a network fault is <see cref="ChargeOutcome.Failed"/>, which the caller may resend with the same request
/// id. The provider's detail is logged here; the outcomes carry only safe text.
/// </summary>
public sealed partial class CloudPaymentsGateway(CloudPaymentsClient client, ILogger<CloudPaymentsGateway> logger) : IPaymentGateway
{
    /// <summary>The provider's name, and the DI key of this gateway.</summary>
    public const string ProviderName = "cloudpayments";

    private const string CredentialsRejected = "The payment provider rejected the merchant credentials.";

    public string Provider => ProviderName;

    public async Task<ChargeOutcome> ChargeAsync(ChargeRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Translate(request.RequestId, await client.ChargeTokenAsync(request, cancellationToken));
    }

    private ChargeOutcome Translate(string requestId, CloudPaymentsReply reply) =>
        reply switch
        {
            CloudPaymentsReply.Accepted { Transaction.TransactionId: > 0 and var id } => new ChargeOutcome.Succeeded(Id(id)),
            CloudPaymentsReply.Accepted => Unexpected(requestId, "The payment provider accepted the charge without a transaction id."),
            CloudPaymentsReply.Refused { Transaction: { RequiresThreeDSecure: true } transaction } => new ChargeOutcome.Declined(
                CloudPaymentsReasonCodes.ThreeDSecureRequired,
                "The issuer asks for 3-D Secure, which a charge of a saved card cannot pass: the customer has to pay in the browser.",
                DeclineKind.Soft,
                Id(transaction.TransactionId)),
            CloudPaymentsReply.Refused { Transaction: { ReasonCode: { } code } transaction } => Decline(code, transaction),
            CloudPaymentsReply.Refused refused => Rejected(requestId, refused.Message),
            CloudPaymentsReply.CredentialsRejected => new ChargeOutcome.Failed(CredentialsRejected),
            CloudPaymentsReply.Unavailable unavailable => new ChargeOutcome.Failed(unavailable.Reason),
            _ => throw new InvalidOperationException($"Unknown reply {reply.GetType().Name}."),
        };

    public async Task<RefundOutcome> RefundAsync(RefundRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!long.TryParse(request.TransactionId, NumberStyles.None, CultureInfo.InvariantCulture, out var transactionId))
        {
            return new RefundOutcome.Failed("The payment was not made through CloudPayments: its transaction id is not the provider's.");
        }

        var reply = await client.RefundAsync(transactionId, request.Amount.Amount, request.RequestId, cancellationToken);
        switch (reply)
        {
            case CloudPaymentsReply.Accepted accepted:
                return new RefundOutcome.Succeeded(accepted.Transaction is { TransactionId: > 0 and var id } ? Id(id) : null);
            case CloudPaymentsReply.Refused refused:
                LogRefundRefused(request.RequestId, refused.Message ?? "-");
                return new RefundOutcome.Failed($"The payment provider refused the refund: {refused.Message ?? "no reason given"}.");
            case CloudPaymentsReply.CredentialsRejected:
                return new RefundOutcome.Failed(CredentialsRejected);
            case CloudPaymentsReply.Unavailable unavailable:
                return new RefundOutcome.Failed(unavailable.Reason);
            default:
                throw new InvalidOperationException($"Unknown reply {reply.GetType().Name}.");
        }
    }

    /// <summary>
    /// Authorises <see cref="CardVerificationRequest.HoldAmount"/> on the token and voids it at once. A void that
    /// does not go through is logged: the issuer releases an unconfirmed hold by itself within days.
    /// </summary>
    public async Task<ChargeOutcome> VerifyCardAsync(CardVerificationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var outcome = Translate(request.RequestId, await client.AuthorizeTokenAsync(request, cancellationToken));
        if (outcome is ChargeOutcome.Succeeded { TransactionId: var held }
            && await VoidAsync(new VoidRequest(held, $"{request.RequestId}/void"), cancellationToken) is not VoidOutcome.Succeeded)
        {
            LogVoidFailed(request.RequestId, held);
        }

        return outcome;
    }

    /// <summary>
    /// <c>payments/void</c> with the request's stable id. A refusal is final for that id (the provider replays it),
    /// so it is <see cref="VoidOutcome.Refused"/>; no answer or rejected credentials are
    /// <see cref="VoidOutcome.Failed"/>, to be resent.
    /// </summary>
    public async Task<VoidOutcome> VoidAsync(VoidRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!long.TryParse(request.TransactionId, NumberStyles.None, CultureInfo.InvariantCulture, out var transactionId))
        {
            return new VoidOutcome.Refused("The authorisation was not made through CloudPayments: its transaction id is not the provider's.");
        }

        var reply = await client.VoidAsync(transactionId, request.RequestId, cancellationToken);
        switch (reply)
        {
            case CloudPaymentsReply.Accepted:
                return new VoidOutcome.Succeeded();
            case CloudPaymentsReply.Refused refused:
                LogVoidRefused(request.RequestId, refused.Message ?? "-");
                return new VoidOutcome.Refused($"The payment provider refused the void: {refused.Message ?? "no reason given"}.");
            case CloudPaymentsReply.CredentialsRejected:
                return new VoidOutcome.Failed(CredentialsRejected);
            case CloudPaymentsReply.Unavailable unavailable:
                return new VoidOutcome.Failed(unavailable.Reason);
            default:
                throw new InvalidOperationException($"Unknown reply {reply.GetType().Name}.");
        }
    }

    private static ChargeOutcome.Declined Decline(int code, CloudPaymentsTransaction transaction)
    {
        var reason = CloudPaymentsReasonCodes.Describe(code);
        var kind = CloudPaymentsReasonCodes.Classify(code);
        return kind switch
        {
            // The provider answered this request for good (it replays the same answer to the same X-Request-ID),
            // so a retry must be a new attempt: a soft decline, retried on the schedule, not a resend.
            CloudPaymentsDeclineClass.IssuerUnavailable => new ChargeOutcome.Declined(Id(code), $"{reason}: try again later.", DeclineKind.Soft, Id(transaction.TransactionId)),
            CloudPaymentsDeclineClass.Hard => new ChargeOutcome.Declined(Id(code), reason, DeclineKind.Hard, Id(transaction.TransactionId)),
            CloudPaymentsDeclineClass.Soft => new ChargeOutcome.Declined(Id(code), reason, DeclineKind.Soft, Id(transaction.TransactionId)),
            _ => throw new InvalidOperationException($"Unknown decline class {kind}."),
        };
    }

    // A refusal without a transaction is the provider rejecting our request itself (e.g. "Invalid Amount value"):
    // a bug or a setting to fix, so it is logged as an error; the same request would only be refused again.
    private ChargeOutcome.Declined Rejected(string requestId, string? message)
    {
        LogChargeRejected(requestId, message ?? "-");
        return new ChargeOutcome.Declined(
            CloudPaymentsReasonCodes.RequestRejected, $"The payment provider rejected the request: {message ?? "no reason given"}.", DeclineKind.Soft);
    }

    private ChargeOutcome.Failed Unexpected(string requestId, string reason)
    {
        LogUnexpectedReply(requestId, reason);
        return new ChargeOutcome.Failed(reason);
    }

    private static string Id(long value) => value.ToString(CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Error, Message = "CloudPayments rejected charge request {RequestId}: {ProviderMessage}")]
    private partial void LogChargeRejected(string requestId, string providerMessage);

    [LoggerMessage(Level = LogLevel.Warning, Message = "CloudPayments did not void the card check {RequestId} (transaction {TransactionId}); the issuer releases the hold by itself")]
    private partial void LogVoidFailed(string requestId, string transactionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "CloudPayments refused refund request {RequestId}: {ProviderMessage}")]
    private partial void LogRefundRefused(string requestId, string providerMessage);

    [LoggerMessage(Level = LogLevel.Warning, Message = "CloudPayments refused void request {RequestId}: {ProviderMessage}")]
    private partial void LogVoidRefused(string requestId, string providerMessage);

    [LoggerMessage(Level = LogLevel.Error, Message = "CloudPayments charge request {RequestId} got an unexpected reply: {Reason}")]
    private partial void LogUnexpectedReply(string requestId, string reason);
}
