using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Infrastructure.Payments.CloudPayments;

namespace ProfilePortal.Tests.Support;

/// <summary>
/// The CloudPayments API on a loopback port, for the tests: <c>/test</c>, <c>/payments/tokens/charge</c>, <c>/payments/tokens/auth</c>,
/// <c>/payments/refund</c> and <c>/payments/void</c>, as the provider's documentation describes them: POST, JSON or
/// form bodies, HTTP Basic auth with <see cref="PublicId"/> and <see cref="ApiSecret"/> (HTTP 401 otherwise),
/// replies <c>{Success, Message, Model}</c> with HTTP 200 for business failures, and <c>X-Request-ID</c> idempotency:
/// a repeated id gets the stored reply and nothing is processed again. Messages the provider's documentation
/// does not quote ("Token not found" …) are this emulator's own wording.
/// <para>Test tokens for <c>payments/tokens/charge</c>:</para>
/// <list type="table">
/// <item><term><c>tk_success</c></term><description>Completed; the charge is in <see cref="Charges"/>.</description></item>
/// <item><term><c>tk_insufficient_funds</c></term><description>Declined, ReasonCode 5051 InsufficientFunds (soft).</description></item>
/// <item><term><c>tk_expired_card</c></term><description>Declined, ReasonCode 5054 ExpiredCard (hard).</description></item>
/// <item><term><c>tk_issuer_unavailable</c></term><description>Declined, ReasonCode 5091 Timeout (issuer unavailable: transient).</description></item>
/// <item><term><c>tk_3ds_required</c></term><description>A 3-D Secure challenge: <c>Success:false</c>, Model with AcsUrl and PaReq.</description></item>
/// <item><term><c>tk_server_error</c></term><description>HTTP 500 without an envelope; never stored for replay.</description></item>
/// <item><term><c>tk_timeout</c></term><description>Never answers, until the client gives up or the emulator stops.</description></item>
/// <item><term>any other</term><description><c>{"Success":false,"Message":"Token not found"}</c>.</description></item>
/// </list>
/// <para>
/// An amount that is not a positive number with at most two decimals gets
/// <c>{"Success":false,"Message":"Invalid Amount value"}</c>; a currency outside <see cref="Currencies"/> gets
/// "Invalid Currency value"; a charge without <c>TrInitiatorCode</c> 0 or 1 is refused. Refunds take at most what is
/// left of a completed charge; a void cancels a completed or authorised charge that has no refund, and is kept in
/// <see cref="Voids"/>; while <see cref="VoidsUnavailable"/> is set a void gets HTTP 500 instead.
/// <see cref="AuthorizeInWidget"/> plays the payment widget's two-stage <c>auth</c>, which never goes through the API.
/// <see cref="SendNotificationAsync"/> posts a form-encoded notification signed as the provider signs it.
/// </para>
/// </summary>
public sealed class CloudPaymentsEmulator : IAsyncLifetime
{
    public const string PublicId = "pk_emulator_public_id";
    public const string ApiSecret = "emulator-api-secret";

    public const string SuccessToken = "tk_success";
    public const string InsufficientFundsToken = "tk_insufficient_funds";
    public const string ExpiredCardToken = "tk_expired_card";
    public const string IssuerUnavailableToken = "tk_issuer_unavailable";
    public const string ThreeDSecureToken = "tk_3ds_required";
    public const string ServerErrorToken = "tk_server_error";
    public const string TimeoutToken = "tk_timeout";

    public static readonly IReadOnlySet<string> Currencies = new HashSet<string>(StringComparer.Ordinal) { "RUB", "USD", "EUR", "KZT" };

    private static readonly JsonNodeOptions CaseInsensitive = new() { PropertyNameCaseInsensitive = true };

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Reply> _replies = new(StringComparer.Ordinal);
    private readonly List<EmulatedRequest> _requests = [];
    private readonly List<EmulatedCharge> _charges = [];
    private readonly List<EmulatedRefund> _refunds = [];
    private readonly List<EmulatedVoid> _voids = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly HttpClient _notifier = new();
    private WebApplication? _app;
    private long _lastTransactionId = 1_000_000;

    /// <summary>The API's root, with a trailing slash: the client's <c>BaseUrl</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The clock of the transactions' dates.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>Every request that passed authentication, replays included.</summary>
    public IReadOnlyList<EmulatedRequest> Requests => Snapshot(_requests);

    /// <summary>Every charge processed (completed, declined, awaiting 3-D Secure or cancelled), in order.</summary>
    public IReadOnlyList<EmulatedCharge> Charges => Snapshot(_charges);

    public IReadOnlyList<EmulatedRefund> Refunds => Snapshot(_refunds);

    /// <summary>Every void processed, in order; a replayed request id is not processed again.</summary>
    public IReadOnlyList<EmulatedVoid> Voids => Snapshot(_voids);

    /// <summary>While set, <c>payments/void</c> answers HTTP 500 without an envelope (never stored for replay).</summary>
    public bool VoidsUnavailable { get; set; }

    public IReadOnlyList<EmulatedCharge> ChargesFor(string invoiceId) => [.. Charges.Where(c => c.InvoiceId == invoiceId)];

    /// <summary>
    /// What the payment widget's <c>auth</c> does for a customer paying with a good card: a two-stage payment,
    /// authorised and not charged (<c>Status = Authorized</c>), with the widget's invoice and account. Its Pay
    /// notification is <see cref="PayNotification"/>.
    /// </summary>
    public EmulatedCharge AuthorizeInWidget(string invoiceId, string accountId, decimal amount, string currency = "RUB", string? email = null)
    {
        lock (_gate)
        {
            var charge = new EmulatedCharge(
                ++_lastTransactionId, RequestId: string.Empty, SuccessToken, amount, amount.ToString("0.00", CultureInfo.InvariantCulture), currency,
                invoiceId, accountId, Description: null, email, IpAddress: "127.0.0.1", TrInitiatorCode: 1, PaymentScheduled: null,
                Status: "Authorized", Reason: "Approved", ReasonCode: 0, Clock.GetUtcNow());
            _charges.Add(charge);
            return charge;
        }
    }

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        RequestDelegate handler = HandleAsync;
        _app.Run(handler);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.TrimEnd('/') + "/");
    }

    public async Task DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _notifier.Dispose();
        _stopping.Dispose();
    }

    /// <summary>
    /// Posts a notification as the provider does: form-encoded UTF-8, <c>Content-HMAC</c> over the raw body and
    /// <c>X-Content-HMAC</c> over the URL-decoded body, both signed with <paramref name="apiSecret"/> (the emulator's by default).
    /// </summary>
    public async Task<HttpResponseMessage> SendNotificationAsync(
        Uri url, IEnumerable<KeyValuePair<string, string>> fields, string apiSecret = ApiSecret, CancellationToken cancellationToken = default)
    {
        using var form = new FormUrlEncodedContent(fields);
        var body = await form.ReadAsByteArrayAsync(cancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded") { CharSet = "utf-8" };
        request.Headers.Add(CloudPaymentsSignature.HeaderName, CloudPaymentsSignature.Sign(body, apiSecret));
        request.Headers.Add(CloudPaymentsSignature.AlternateHeaderName, CloudPaymentsSignature.SignUrlDecoded(body, apiSecret));
        return await _notifier.SendAsync(request, cancellationToken);
    }

    /// <summary>The fields of the Pay notification the provider sends after <paramref name="charge"/> completed or was authorised.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> PayNotification(EmulatedCharge charge, string cardId = "card-emulator-4242") =>
    [
        .. TransactionFields(charge),
        new("Status", charge.Status),
        new("Token", charge.Token),
        new("CardId", cardId),
    ];

    /// <summary>The fields of the Fail notification the provider sends after <paramref name="charge"/> was declined.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> FailNotification(EmulatedCharge charge) =>
    [
        .. TransactionFields(charge),
        new("Status", "Declined"),
        new("Reason", charge.Reason ?? string.Empty),
        new("ReasonCode", Invariant(charge.ReasonCode ?? 0)),
    ];

    private static IEnumerable<KeyValuePair<string, string>> TransactionFields(EmulatedCharge charge) =>
    [
        new("TransactionId", Invariant(charge.TransactionId)),
        new("Amount", charge.Amount.ToString("0.00", CultureInfo.InvariantCulture)),
        new("Currency", charge.Currency),
        new("DateTime", charge.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)),
        new("CardFirstSix", "424242"),
        new("CardLastFour", "4242"),
        new("CardType", "Visa"),
        new("CardExpDate", "12/29"),
        new("TestMode", "1"),
        new("OperationType", "Payment"),
        new("InvoiceId", charge.InvoiceId ?? string.Empty),
        new("AccountId", charge.AccountId),
        new("Email", charge.Email ?? string.Empty),
        new("IpAddress", charge.IpAddress ?? string.Empty),
    ];

    private async Task HandleAsync(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }

        if (!IsAuthorized(context.Request))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        var body = await ReadBodyAsync(context.Request);
        var path = context.Request.Path.Value ?? string.Empty;
        var requestId = context.Request.Headers[CloudPaymentsClient.RequestIdHeader].ToString();
        Reply reply;
        lock (_gate)
        {
            _requests.Add(new EmulatedRequest(path, requestId));
            if (requestId.Length > 0 && _replies.TryGetValue(requestId, out var stored))
            {
                reply = stored;
            }
            else
            {
                reply = Process(path, requestId, body);
                if (requestId.Length > 0 && reply.Replayable)
                {
                    _replies[requestId] = reply;
                }
            }
        }

        if (reply.Hangs)
        {
            // Until the client gives up (it closes the connection) or the emulator stops.
            using var hang = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, hang.Token);
            }
            catch (OperationCanceledException)
            {
                context.Abort();
            }

            return;
        }

        context.Response.StatusCode = reply.Status;
        if (reply.Json is { } json)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(json);
        }
    }

    private Reply Process(string path, string requestId, JsonObject? body) => path switch
    {
        "/test" => Ok(new JsonObject { ["Success"] = true, ["Message"] = Guid.NewGuid().ToString() }),
        _ when body is null => Refuse("Invalid request body"),
        "/payments/tokens/charge" => Charge(requestId, body, twoStage: false),
        "/payments/tokens/auth" => Charge(requestId, body, twoStage: true),
        "/payments/refund" => Refund(body),
        "/payments/void" when VoidsUnavailable => new Reply(StatusCodes.Status500InternalServerError, null, Replayable: false),
        "/payments/void" => Void(requestId, body),
        _ => new Reply(StatusCodes.Status404NotFound, null),
    };

    /// <summary>A one-stage charge, or with <paramref name="twoStage"/> an authorisation that holds the money until a void.</summary>
    private Reply Charge(string requestId, JsonObject body, bool twoStage)
    {
        var token = Text(body, "Token");
        if (!TryAmount(body, out var amount, out var amountText))
        {
            return Refuse("Invalid Amount value");
        }

        var currency = Text(body, "Currency") ?? "RUB";
        if (!Currencies.Contains(currency))
        {
            return Refuse("Invalid Currency value");
        }

        if (string.IsNullOrEmpty(token) || string.IsNullOrEmpty(Text(body, "AccountId")))
        {
            return Refuse("Token and AccountId are required");
        }

        if (Text(body, "TrInitiatorCode") is not ("0" or "1"))
        {
            return Refuse("TrInitiatorCode is required: 0 (merchant) or 1 (cardholder)");
        }

        switch (token)
        {
            case ServerErrorToken:
                return new Reply(StatusCodes.Status500InternalServerError, null, Replayable: false);
            case TimeoutToken:
                return new Reply(0, null, Replayable: false, Hangs: true);
            case SuccessToken or InsufficientFundsToken or ExpiredCardToken or IssuerUnavailableToken or ThreeDSecureToken:
                break;
            default:
                return Refuse("Token not found");
        }

        var charge = new EmulatedCharge(
            ++_lastTransactionId, requestId, token, amount, amountText, currency,
            Text(body, "InvoiceId"), Text(body, "AccountId")!, Text(body, "Description"), Text(body, "Email"), Text(body, "IpAddress"),
            int.Parse(Text(body, "TrInitiatorCode")!, CultureInfo.InvariantCulture), Text(body, "PaymentScheduled"),
            Status: twoStage ? "Authorized" : "Completed", Reason: "Approved", ReasonCode: 0, Clock.GetUtcNow());
        charge = token switch
        {
            InsufficientFundsToken => charge with { Status = "Declined", Reason = "InsufficientFunds", ReasonCode = 5051 },
            ExpiredCardToken => charge with { Status = "Declined", Reason = "ExpiredCard", ReasonCode = 5054 },
            IssuerUnavailableToken => charge with { Status = "Declined", Reason = "Timeout", ReasonCode = 5091 },
            ThreeDSecureToken => charge with { Status = "AwaitingAuthentication", Reason = null, ReasonCode = null },
            _ => charge,
        };
        _charges.Add(charge);

        if (token == ThreeDSecureToken)
        {
            return Reply.Envelope(false, null, new JsonObject
            {
                ["TransactionId"] = charge.TransactionId,
                ["PaReq"] = "eJxVUdtugkAQ/ZWG98ourtzMsIZWTW0CNRWb2Dey",
                ["AcsUrl"] = "https://demo.cloudpayments.ru/acs",
            });
        }

        return Reply.Envelope(charge.Status is "Completed" or "Authorized", null, TransactionModel(charge));
    }

    private Reply Refund(JsonObject body)
    {
        if (!TryTransaction(body, out var charge))
        {
            return Refuse("Transaction not found");
        }

        if (!TryAmount(body, out var amount, out _))
        {
            return Refuse("Invalid Amount value");
        }

        var refunded = _refunds.Where(r => r.PaymentTransactionId == charge.TransactionId).Sum(r => r.Amount);
        if (charge.Status != "Completed" || amount > charge.Amount - refunded)
        {
            return Refuse("The amount exceeds what is left to refund");
        }

        var refund = new EmulatedRefund(++_lastTransactionId, charge.TransactionId, amount, Clock.GetUtcNow());
        _refunds.Add(refund);
        return Reply.Envelope(true, null, new JsonObject { ["TransactionId"] = refund.TransactionId });
    }

    private Reply Void(string requestId, JsonObject body)
    {
        if (!TryTransaction(body, out var charge))
        {
            return Refuse("Transaction not found");
        }

        if (charge.Status is not ("Completed" or "Authorized") || _refunds.Any(r => r.PaymentTransactionId == charge.TransactionId))
        {
            return Refuse("The transaction cannot be voided");
        }

        _charges[_charges.IndexOf(charge)] = charge with { Status = "Cancelled" };
        _voids.Add(new EmulatedVoid(charge.TransactionId, requestId, Clock.GetUtcNow()));
        return Reply.Envelope(true, null, null);
    }

    private bool TryTransaction(JsonObject body, [NotNullWhen(true)] out EmulatedCharge? charge)
    {
        charge = long.TryParse(Text(body, "TransactionId"), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? _charges.Find(c => c.TransactionId == id)
            : null;
        return charge is not null;
    }

    private static JsonObject TransactionModel(EmulatedCharge charge) => new()
    {
        ["TransactionId"] = charge.TransactionId,
        ["Amount"] = charge.Amount,
        ["Currency"] = charge.Currency,
        ["InvoiceId"] = charge.InvoiceId,
        ["AccountId"] = charge.AccountId,
        ["Email"] = charge.Email,
        ["Description"] = charge.Description,
        ["CardFirstSix"] = "424242",
        ["CardLastFour"] = "4242",
        ["CardType"] = "Visa",
        ["CardExpDate"] = "12/29",
        ["Status"] = charge.Status,
        ["Reason"] = charge.Reason,
        ["ReasonCode"] = charge.ReasonCode,
        ["CardHolderMessage"] = charge.ReasonCode switch
        {
            0 => "Оплата успешно проведена",
            5051 => "Недостаточно средств на карте",
            5091 => "Повторите попытку позже",
            _ => "Свяжитесь с вашим банком или воспользуйтесь другой картой",
        },
        ["Token"] = charge.Token,
        ["TestMode"] = true,
        ["CreatedDateIso"] = charge.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
    };

    private static bool IsAuthorized(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Basic ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        try
        {
            var credentials = Encoding.UTF8.GetString(Convert.FromBase64String(header[scheme.Length..].Trim()));
            return credentials == $"{PublicId}:{ApiSecret}";
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static async Task<JsonObject?> ReadBodyAsync(HttpRequest request)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync();
            var fields = new JsonObject(CaseInsensitive);
            foreach (var (name, value) in form)
            {
                fields[name] = value.ToString();
            }

            return fields;
        }

        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync();
        try
        {
            return text.Length == 0 ? new JsonObject(CaseInsensitive) : JsonNode.Parse(text, CaseInsensitive) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A value as written: strings unquoted, numbers and booleans as their JSON text.</summary>
    private static string? Text(JsonObject body, string name) => body[name] switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        var node => node.ToJsonString(),
    };

    private static bool TryAmount(JsonObject body, out decimal amount, out string text)
    {
        text = Text(body, "Amount") ?? string.Empty;
        return decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out amount)
            && amount > 0
            && decimal.Round(amount, 2) == amount;
    }

    private static Reply Ok(JsonObject envelope) => new(StatusCodes.Status200OK, envelope.ToJsonString());

    private static Reply Refuse(string message) => Reply.Envelope(false, message, null);

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);

    private IReadOnlyList<T> Snapshot<T>(List<T> list)
    {
        lock (_gate)
        {
            return [.. list];
        }
    }

    private sealed record Reply(int Status, string? Json, bool Replayable = true, bool Hangs = false)
    {
        public static Reply Envelope(bool success, string? message, JsonObject? model) => new(
            StatusCodes.Status200OK,
            new JsonObject { ["Success"] = success, ["Message"] = message, ["Model"] = model }.ToJsonString());
    }
}

/// <summary>A request the emulator received: its path and <c>X-Request-ID</c> (empty when none).</summary>
public sealed record EmulatedRequest(string Path, string RequestId);

/// <summary>A charge as the emulator's ledger keeps it, with the request's fields as they arrived.</summary>
public sealed record EmulatedCharge(
    long TransactionId,
    string RequestId,
    string Token,
    decimal Amount,
    string AmountText,
    string Currency,
    string? InvoiceId,
    string AccountId,
    string? Description,
    string? Email,
    string? IpAddress,
    int TrInitiatorCode,
    string? PaymentScheduled,
    string Status,
    string? Reason,
    int? ReasonCode,
    DateTimeOffset CreatedAt);

/// <summary>A refund of <see cref="PaymentTransactionId"/>; <see cref="TransactionId"/> is the refund's own.</summary>
public sealed record EmulatedRefund(long TransactionId, long PaymentTransactionId, decimal Amount, DateTimeOffset CreatedAt);

/// <summary>A void of <see cref="TransactionId"/>, with the <c>X-Request-ID</c> it came with.</summary>
public sealed record EmulatedVoid(long TransactionId, string RequestId, DateTimeOffset CreatedAt);
