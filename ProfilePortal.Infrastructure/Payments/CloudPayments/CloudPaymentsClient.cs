using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ProfilePortal.Domain.Payments;

namespace ProfilePortal.Infrastructure.Payments.CloudPayments;

/// <summary>
/// The CloudPayments API over HTTP: POST with a JSON body, Basic auth with the Public ID and the API secret, and
/// our idempotency key in <c>X-Request-ID</c> (the provider processes one request per id and answers repeats
/// identically). Every call ends in a <see cref="CloudPaymentsReply"/>; only caller cancellation and bugs throw.
/// Typed client: resolve it from DI (<c>AddHttpClient</c>), never construct it per call.
/// </summary>
public sealed partial class CloudPaymentsClient(HttpClient http, IOptionsMonitor<CloudPaymentsOptions> options, ILogger<CloudPaymentsClient> logger)
{
    public const string RequestIdHeader = "X-Request-ID";

    private static readonly JsonSerializerOptions JsonOptions = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>
    /// <c>payments/tokens/charge</c>: a one-stage charge of a saved card. A merchant charge is sent as
    /// <c>TrInitiatorCode=0, PaymentScheduled=1</c>, a customer's as <c>TrInitiatorCode=1, PaymentScheduled=0</c>;
    /// <see cref="ChargeRequest.RequestId"/> goes in <c>X-Request-ID</c>.
    /// </summary>
    public Task<CloudPaymentsReply> ChargeTokenAsync(ChargeRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.CardToken);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.RequestId);
        var merchant = request.Initiator == ChargeInitiator.Merchant;
        var body = new TokenChargeBody(
            request.CardToken,
            CheckedAmount(request.Amount.Amount),
            request.Amount.Currency,
            request.AccountId,
            request.InvoiceId,
            TrInitiatorCode: merchant ? 0 : 1,
            PaymentScheduled: merchant ? 1 : 0,
            request.Description,
            request.Email,
            request.IpAddress);
        return SendAsync("payments/tokens/charge", body, request.RequestId, cancellationToken);
    }

    /// <summary>
    /// <c>payments/tokens/auth</c>: the first stage of a two-stage payment of a saved card; the money is held until
    /// <c>payments/confirm</c> or <see cref="VoidAsync"/>. The portal uses it only to check a card (and voids it).
    /// </summary>
    public Task<CloudPaymentsReply> AuthorizeTokenAsync(CardVerificationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.CardToken);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.RequestId);
        var amount = CardVerificationRequest.HoldAmount;
        var body = new TokenChargeBody(
            request.CardToken, CheckedAmount(amount.Amount), amount.Currency, request.AccountId, request.RequestId,
            TrInitiatorCode: 1, PaymentScheduled: 0, "Card check", request.Email, request.IpAddress);
        return SendAsync("payments/tokens/auth", body, request.RequestId, cancellationToken);
    }

    /// <summary><c>payments/refund</c>: returns <paramref name="amount"/> of a completed payment, wholly or in part.</summary>
    public Task<CloudPaymentsReply> RefundAsync(long transactionId, decimal amount, string requestId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(requestId);
        return SendAsync("payments/refund", new RefundBody(transactionId, CheckedAmount(amount)), requestId, cancellationToken);
    }

    /// <summary><c>payments/void</c>: cancels an authorised (two-stage) payment, or a payment not yet settled.</summary>
    public Task<CloudPaymentsReply> VoidAsync(long transactionId, string requestId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(requestId);
        return SendAsync("payments/void", new VoidBody(transactionId), requestId, cancellationToken);
    }

    /// <summary><c>/test</c>: checks connectivity and credentials; answers <see cref="CloudPaymentsReply.Accepted"/> when both work.</summary>
    public Task<CloudPaymentsReply> PingAsync(CancellationToken cancellationToken = default) =>
        SendAsync("test", new PingBody(), requestId: null, cancellationToken);

    private async Task<CloudPaymentsReply> SendAsync<TBody>(string endpoint, TBody body, string? requestId, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint(settings.BaseUrl, endpoint))
        {
            Content = JsonContent.Create(body, options: JsonOptions),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Credentials(settings));
        if (requestId is not null)
        {
            request.Headers.Add(RequestIdHeader, requestId);
        }

        // Our own deadline, told apart from the caller's cancellation: a timeout is an unknown outcome, not a cancel.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(settings.RequestTimeout);
        LogSending(endpoint, requestId ?? "-");
        try
        {
            using var response = await http.SendAsync(request, deadline.Token);
            var content = await response.Content.ReadAsByteArrayAsync(deadline.Token);
            return Interpret(endpoint, requestId ?? "-", response.StatusCode, content);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Unavailable(endpoint, requestId ?? "-", string.Create(CultureInfo.InvariantCulture,
                $"The payment provider did not answer within {settings.RequestTimeout.TotalSeconds:0.###} s."));
        }
        catch (HttpRequestException ex)
        {
            return Unavailable(endpoint, requestId ?? "-", $"The payment provider could not be reached ({ex.HttpRequestError}).");
        }
        catch (IOException)
        {
            return Unavailable(endpoint, requestId ?? "-", "The connection to the payment provider broke.");
        }
    }

    private CloudPaymentsReply Interpret(string endpoint, string requestId, HttpStatusCode status, byte[] content)
    {
        if (status == HttpStatusCode.Unauthorized)
        {
            LogCredentialsRejected(endpoint);
            return new CloudPaymentsReply.CredentialsRejected();
        }

        var code = (int)status;
        if (code >= 500)
        {
            return Unavailable(endpoint, requestId, $"The payment provider answered HTTP {code}.");
        }

        // Business failures come as HTTP 200 with Success:false, so the envelope, not the status, is the answer.
        if (!TryReadEnvelope(content, out var success, out var message, out var transaction))
        {
            return Unavailable(endpoint, requestId, $"The payment provider's answer (HTTP {code}) is not a CloudPayments reply.");
        }

        LogAnswered(endpoint, requestId, success, transaction?.TransactionId, transaction?.ReasonCode);
        return success
            ? new CloudPaymentsReply.Accepted(message, transaction)
            : new CloudPaymentsReply.Refused(message, transaction);
    }

    private CloudPaymentsReply.Unavailable Unavailable(string endpoint, string requestId, string reason)
    {
        LogUnavailable(endpoint, requestId, reason);
        return new CloudPaymentsReply.Unavailable(reason);
    }

    private static bool TryReadEnvelope(byte[] content, out bool success, out string? message, out CloudPaymentsTransaction? transaction)
    {
        (success, message, transaction) = (false, null, null);
        try
        {
            using var document = JsonDocument.Parse(content);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("Success", out var flag)
                || flag.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return false;
            }

            success = flag.GetBoolean();
            message = root.TryGetProperty("Message", out var text) && text.ValueKind == JsonValueKind.String ? text.GetString() : null;
            transaction = root.TryGetProperty("Model", out var model) && model.ValueKind == JsonValueKind.Object
                ? CloudPaymentsTransaction.Read(CloudPaymentsFields.FromJson(model))
                : null;
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static Uri Endpoint(Uri baseUrl, string endpoint)
    {
        var root = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        return new Uri(root, endpoint);
    }

    private static string Credentials(CloudPaymentsOptions settings) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.PublicId}:{settings.ApiSecret}"));

    private static decimal CheckedAmount(decimal amount) =>
        amount > 0 && decimal.Round(amount, 2) == amount
            ? amount
            : throw new ArgumentOutOfRangeException(nameof(amount), amount, "CloudPayments takes a positive amount with at most two decimals.");

    [LoggerMessage(Level = LogLevel.Debug, Message = "Calling CloudPayments {Endpoint} with request id {RequestId}")]
    private partial void LogSending(string endpoint, string requestId);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "CloudPayments {Endpoint} with request id {RequestId} answered Success={Success}, transaction {TransactionId}, reason code {ReasonCode}")]
    private partial void LogAnswered(string endpoint, string requestId, bool success, long? transactionId, int? reasonCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "CloudPayments {Endpoint} with request id {RequestId} gave no usable answer: {Reason}")]
    private partial void LogUnavailable(string endpoint, string requestId, string reason);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "CloudPayments rejected the merchant credentials (HTTP 401) on {Endpoint}; check Payments:CloudPayments:PublicId and ApiSecret")]
    private partial void LogCredentialsRejected(string endpoint);

    private sealed record TokenChargeBody(
        string Token,
        [property: JsonConverter(typeof(TwoDecimalsConverter))] decimal Amount,
        string Currency,
        string AccountId,
        string InvoiceId,
        int TrInitiatorCode,
        int PaymentScheduled,
        string? Description,
        string? Email,
        string? IpAddress);

    private sealed record RefundBody(long TransactionId, [property: JsonConverter(typeof(TwoDecimalsConverter))] decimal Amount);

    private sealed record VoidBody(long TransactionId);

    private sealed record PingBody;

    /// <summary>Amounts as JSON numbers with exactly two decimals and a point, whatever the culture: 10.5 → 10.50.</summary>
    private sealed class TwoDecimalsConverter : JsonConverter<decimal>
    {
        public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDecimal();

        public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
            writer.WriteRawValue(value.ToString("0.00", CultureInfo.InvariantCulture), skipInputValidation: true);
    }
}
