using Microsoft.Extensions.Localization;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Organizations;
using ProfilePortal.Resources;

namespace ProfilePortal.Components.Organizations;

/// <summary>The organizations' words for domain values: roles and error codes.</summary>
internal static class OrganizationText
{
    /// <summary>The localized message of an error, or its English message when there is no translation.</summary>
    public static string Error(IStringLocalizer<SharedResource> l, Error error) =>
        l[$"Organizations.Error.{error.Code}"] is { ResourceNotFound: false } text ? text.Value : error.Message;

    public static string Role(IStringLocalizer<SharedResource> l, OrganizationRole role) => l[$"Organizations.Role.{role}"];
}
