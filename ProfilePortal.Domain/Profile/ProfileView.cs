using ProfilePortal.Domain.Identity;
using ProfilePortal.Domain.Organizations;

namespace ProfilePortal.Domain.Profile;

/// <summary>The profile as the page shows it. <see cref="Version"/> goes back with an edit to detect conflicts.</summary>
public sealed record ProfileView(
    Guid UserId,
    string Email,
    string? FirstName,
    string? LastName,
    string? Company,
    string? Country,
    string? TimeZone,
    string? AvatarUrl,
    string? Phone,
    string PreferredLanguage,
    bool NotifyWhenQuotaLow,
    DateTimeOffset MemberSince,
    bool IsAdmin,
    Guid? OrganizationId,
    string? OrganizationName,
    OrganizationRole? Role,
    string? PlanCode,
    string? PlanName,
    string Version)
{
    public string DisplayName => PersonName.Display(FirstName, LastName, Email);

    /// <summary>Up to two letters for the avatar's fallback.</summary>
    public string Initials =>
        string.Concat(new[] { FirstName, LastName }.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => char.ToUpperInvariant(p!.Trim()[0])))
            is { Length: > 0 } initials ? initials : Email[..1].ToUpperInvariant();
}
