using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Payments;
using ProfilePortal.Infrastructure.Payments.CloudPayments;

namespace ProfilePortal.Payments;

/// <summary>
/// The CloudPayments notification endpoints (<c>POST /payments/cloudpayments/{check|pay|fail|refund|recurrent}</c>),
/// configured in the merchant cabinet. Each request's raw body is checked against its <c>Content-HMAC</c> before
/// anything is read from it; a bad or missing signature, or a body that does not parse, is answered
/// <c>{"code":13}</c> and changes nothing. A valid notification is handed to
/// <see cref="PaymentNotificationService"/>, which acts on it once and answers replays the same way.
/// </summary>
internal static partial class CloudPaymentsEndpoints
{
    public const string Prefix = "/payments/cloudpayments";

    // A notification is a few hundred bytes; anything this large is not one.
    private const int MaxBodyBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapCloudPaymentsNotifications(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(Prefix).DisableAntiforgery().AllowAnonymous();
        group.MapPost("/{kind}", HandleAsync);
        return endpoints;
    }

    private static async Task<IResult> HandleAsync(
        string kind,
        HttpRequest request,
        CloudPaymentsSignature signature,
        PaymentNotificationService notifications,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(CloudPaymentsEndpoints));
        if (!Enum.TryParse<NotificationKind>(kind, ignoreCase: true, out var notificationKind) || int.TryParse(kind, out _))
        {
            return Results.NotFound();
        }

        var body = await ReadBodyAsync(request, cancellationToken);
        if (body is null || !signature.Verify(body, request.Headers))
        {
            LogRejected(logger, notificationKind, body is null ? "body too large" : "bad or missing signature");
            return Answer(NotificationVerdict.Rejected);
        }

        var parsed = Parse(notificationKind, body, request.ContentType);
        if (!parsed.Succeeded)
        {
            LogRejected(logger, notificationKind, parsed.Errors[0].Message);
            return Answer(NotificationVerdict.Rejected);
        }

        return Answer(await notifications.HandleAsync(parsed.Value, cancellationToken));
    }

    /// <summary>Maps a parsed CloudPayments notification to the provider-neutral one the domain acts on.</summary>
    internal static Result<ProviderNotification> Parse(NotificationKind kind, byte[] body, string? contentType)
    {
        var raw = System.Text.Encoding.UTF8.GetString(body);
        const string provider = CloudPaymentsGateway.ProviderName;
        return kind switch
        {
            NotificationKind.Check => Map(CloudPaymentsNotificationParser.ParseCheck(body, contentType), n =>
                new ProviderNotification(provider, kind, Id(n.TransactionId), n.InvoiceId, n.AccountId, n.Amount, n.Currency, null, null, null, null, raw)),
            NotificationKind.Pay => Map(CloudPaymentsNotificationParser.ParsePay(body, contentType), n =>
                new ProviderNotification(provider, kind, Id(n.TransactionId), n.InvoiceId, n.AccountId, n.Amount, n.Currency, n.ToCardDetails(), null, null, null, raw)),
            NotificationKind.Fail => Map(CloudPaymentsNotificationParser.ParseFail(body, contentType), n =>
                new ProviderNotification(
                    provider, kind, Id(n.TransactionId), n.InvoiceId, n.AccountId, n.Amount, n.Currency, null,
                    n.ReasonCode?.ToString(System.Globalization.CultureInfo.InvariantCulture), n.Reason, null, raw,
                    n.ReasonCode is { } code && CloudPaymentsReasonCodes.Classify(code) == CloudPaymentsDeclineClass.Hard ? DeclineKind.Hard : DeclineKind.Soft)),
            NotificationKind.Refund => Map(CloudPaymentsNotificationParser.ParseRefund(body, contentType), n =>
                new ProviderNotification(provider, kind, Id(n.TransactionId), n.InvoiceId, n.AccountId, n.Amount, "RUB", null, null, null, Id(n.PaymentTransactionId), raw)),
            NotificationKind.Recurrent => Map(CloudPaymentsNotificationParser.ParseRecurrent(body, contentType), n =>
                new ProviderNotification(provider, kind, $"{n.Id}:{n.Status}", null, n.AccountId, n.Amount ?? 0, n.Currency ?? Money.Rub, null, null, null, null, raw)),
            _ => Result<ProviderNotification>.Failure(new Error("cloudpayments.notification.unknown", $"Unknown notification {kind}.")),
        };
    }

    private static Result<ProviderNotification> Map<T>(Result<T> parsed, Func<T, ProviderNotification> map) =>
        parsed.Succeeded ? map(parsed.Value) : Result<ProviderNotification>.Failure([.. parsed.Errors]);

    private static string Id(long transactionId) => transactionId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static IResult Answer(NotificationVerdict verdict) => Results.Json(new { code = (int)verdict });

    [LoggerMessage(Level = LogLevel.Warning, Message = "CloudPayments {Kind} notification refused: {Reason}")]
    private static partial void LogRejected(ILogger logger, NotificationKind kind, string reason);
}
