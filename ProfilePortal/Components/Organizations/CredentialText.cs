using Microsoft.Extensions.Localization;
using ProfilePortal.Domain.Common;
using ProfilePortal.Resources;

namespace ProfilePortal.Components.Organizations;

/// <summary>The credentials screens' texts that depend on a domain value.</summary>
internal static class CredentialText
{
    /// <summary>The localized message of a credential error, or the generic one for a code without its own.</summary>
    public static string Error(IStringLocalizer<SharedResource> text, Error error)
    {
        var specific = text[$"Credentials.Error.{error.Code}"];
        return specific.ResourceNotFound ? text["Credentials.Error.unknown"] : specific.Value;
    }
}
