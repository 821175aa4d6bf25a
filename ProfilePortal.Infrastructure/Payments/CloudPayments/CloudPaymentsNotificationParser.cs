using System.Text;
using System.Text.Json;
using ProfilePortal.Domain.Common;

namespace ProfilePortal.Infrastructure.Payments.CloudPayments;

/// <summary>
/// Reads a notification body into its typed record. The provider posts <c>application/x-www-form-urlencoded</c>
/// by default and JSON when the cabinet says so; both are accepted. Verify the signature on the same raw bytes
/// first (<see cref="CloudPaymentsSignature"/>). A body that cannot be read is a failed <see cref="Result{T}"/>
/// with one <see cref="Error"/> per problem, never an exception.
/// </summary>
public static class CloudPaymentsNotificationParser
{
    /// <summary>The code of every parse error.</summary>
    public const string MalformedCode = "cloudpayments.notification.malformed";

    public static Result<CloudPaymentsCheckNotification> ParseCheck(ReadOnlySpan<byte> body, string? contentType) =>
        Parse(body, contentType, CloudPaymentsCheckNotification.Read);

    public static Result<CloudPaymentsPayNotification> ParsePay(ReadOnlySpan<byte> body, string? contentType) =>
        Parse(body, contentType, CloudPaymentsPayNotification.Read);

    public static Result<CloudPaymentsFailNotification> ParseFail(ReadOnlySpan<byte> body, string? contentType) =>
        Parse(body, contentType, CloudPaymentsFailNotification.Read);

    public static Result<CloudPaymentsRefundNotification> ParseRefund(ReadOnlySpan<byte> body, string? contentType) =>
        Parse(body, contentType, CloudPaymentsRefundNotification.Read);

    public static Result<CloudPaymentsRecurrentNotification> ParseRecurrent(ReadOnlySpan<byte> body, string? contentType) =>
        Parse(body, contentType, CloudPaymentsRecurrentNotification.Read);

    private static Result<T> Parse<T>(ReadOnlySpan<byte> body, string? contentType, Func<CloudPaymentsFields, T> read)
    {
        var text = Encoding.UTF8.GetString(body).Trim();
        if (text.Length == 0)
        {
            return Malformed("The notification body is empty.");
        }

        CloudPaymentsFields fields;
        if (IsJson(contentType, text))
        {
            try
            {
                using var document = JsonDocument.Parse(text);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    return Malformed("The notification body is JSON but not an object.");
                }

                fields = CloudPaymentsFields.FromJson(document.RootElement);
            }
            catch (JsonException ex)
            {
                return Malformed($"The notification body is not valid JSON: {ex.Message}");
            }
        }
        else
        {
            fields = CloudPaymentsFields.FromForm(text);
        }

        if (fields.Count == 0)
        {
            return Malformed("The notification body has no fields.");
        }

        var notification = read(fields);
        return fields.Problems.Count == 0
            ? Result<T>.Success(notification)
            : Result<T>.Failure([.. fields.Problems.Select(p => new Error(MalformedCode, p.Message, p.Field))]);
    }

    // The content type decides; without one, a body that looks like a JSON object is read as JSON.
    private static bool IsJson(string? contentType, string text) =>
        string.IsNullOrWhiteSpace(contentType)
            ? text.StartsWith('{')
            : contentType.Contains("json", StringComparison.OrdinalIgnoreCase);

    private static Error Malformed(string message) => new(MalformedCode, message);
}
