using Microsoft.Extensions.Localization;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Organizations;
using ProfilePortal.Resources;

namespace ProfilePortal.Components.Organizations;

/// <summary>The members and invitation pages' words for domain values: roles and refusals.</summary>
internal static class MembersText
{
    public static string Role(IStringLocalizer<SharedResource> l, OrganizationRole role) => l[$"Members.Role.{role}"];

    /// <summary>The localized message of a refusal, or its English message when there is no translation.</summary>
    public static string Error(IStringLocalizer<SharedResource> l, Error error) =>
        l[$"Members.Error.{error.Code}"] is { ResourceNotFound: false } text ? text.Value : error.Message;

    public static MudBlazor.Color RoleColor(OrganizationRole role) => role switch
    {
        OrganizationRole.Owner => MudBlazor.Color.Primary,
        OrganizationRole.Admin => MudBlazor.Color.Info,
        _ => MudBlazor.Color.Default,
    };
}
