using System.ComponentModel.DataAnnotations;

namespace ProfilePortal.Domain.Notifications;

/// <summary>
/// The <c>Portal</c> section: the address customers reach the portal at. Email that a background job sends has
/// no request to take the host from, so its links are built from this.
/// </summary>
public sealed class PortalLinkOptions : IValidatableObject
{
    public const string SectionName = "Portal";

    /// <summary>The public base URL, e.g. <c>https://portal.mlservice.ai</c>; the default is <c>dotnet run</c>'s.</summary>
    [Required]
    public string PublicUrl { get; set; } = "http://localhost:5080";

    /// <summary>The absolute URL of a page of the portal, e.g. <c>Link("profile")</c>.</summary>
    public string Link(string path) =>
        new Uri(new Uri(PublicUrl.TrimEnd('/') + "/"), path.TrimStart('/')).AbsoluteUri;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Uri.TryCreate(PublicUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            yield return new ValidationResult("Portal:PublicUrl must be an absolute http:// or https:// URL.", [nameof(PublicUrl)]);
        }
    }
}
