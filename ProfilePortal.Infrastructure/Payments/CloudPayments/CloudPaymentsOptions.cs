using System.ComponentModel.DataAnnotations;

namespace ProfilePortal.Infrastructure.Payments.CloudPayments;

/// <summary>
/// The <c>Payments:CloudPayments</c> section: the merchant's credentials from the CloudPayments cabinet and
/// where its API and payment widget live. The API secret signs notifications too, so it never leaves the server.
/// </summary>
public sealed class CloudPaymentsOptions : IValidatableObject
{
    public const string SectionName = "Payments:CloudPayments";

    /// <summary>The site's Public ID: the Basic-auth user name, and the widget's <c>publicId</c> in the browser.</summary>
    [Required]
    public string PublicId { get; set; } = string.Empty;

    /// <summary>The API secret: the Basic-auth password and the key of the notifications' HMAC.</summary>
    [Required]
    public string ApiSecret { get; set; } = string.Empty;

    [Required]
    public Uri BaseUrl { get; set; } = new("https://api.cloudpayments.ru/");

    /// <summary>The payment widget the card-binding page loads.</summary>
    [Required]
    public Uri WidgetScriptUrl { get; set; } = new("https://widget.cloudpayments.ru/bundles/cloudpayments.js");

    /// <summary>
    /// How long one API call may take before its outcome is treated as unknown. The caller then resends the
    /// same request id, which the provider deduplicates.
    /// </summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsHttpUrl(BaseUrl))
        {
            yield return new ValidationResult($"{SectionName}:BaseUrl must be an absolute http(s) URL.", [nameof(BaseUrl)]);
        }

        if (!IsHttpUrl(WidgetScriptUrl))
        {
            yield return new ValidationResult($"{SectionName}:WidgetScriptUrl must be an absolute http(s) URL.", [nameof(WidgetScriptUrl)]);
        }

        if (RequestTimeout < TimeSpan.FromMilliseconds(100) || RequestTimeout > TimeSpan.FromMinutes(2))
        {
            yield return new ValidationResult($"{SectionName}:RequestTimeout must be between 00:00:00.1 and 00:02:00.", [nameof(RequestTimeout)]);
        }
    }

    private static bool IsHttpUrl(Uri? url) =>
        url is { IsAbsoluteUri: true } && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp);
}
