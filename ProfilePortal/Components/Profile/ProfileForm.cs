using ProfilePortal.Domain.Profile;

namespace ProfilePortal.Components.Profile;

/// <summary>
/// What the edit drawer binds to: the editable fields of a profile and the version they were read at. The rules
/// live in <see cref="ProfileRules"/>; this is only the shape.
/// </summary>
internal sealed class ProfileForm
{
    public string? FirstName { get; set; }

    public string? LastName { get; set; }

    public string? Company { get; set; }

    public string? Country { get; set; }

    public string? TimeZone { get; set; }

    public string? AvatarUrl { get; set; }

    public string? Phone { get; set; }

    public string PreferredLanguage { get; set; } = "";

    public bool NotifyWhenQuotaLow { get; set; }

    /// <summary>The version the values were read at; a save sends it back to detect someone else's change.</summary>
    public string Version { get; private init; } = "";

    public static ProfileForm From(ProfileView profile) => new()
    {
        FirstName = profile.FirstName,
        LastName = profile.LastName,
        Company = profile.Company,
        Country = profile.Country,
        TimeZone = profile.TimeZone,
        AvatarUrl = profile.AvatarUrl,
        Phone = profile.Phone,
        PreferredLanguage = profile.PreferredLanguage,
        NotifyWhenQuotaLow = profile.NotifyWhenQuotaLow,
        Version = profile.Version,
    };

    public ProfileUpdate ToUpdate() =>
        new(FirstName, LastName, Company, Country, TimeZone, AvatarUrl, Phone, PreferredLanguage, NotifyWhenQuotaLow);

    /// <summary>The current value of a field named as in <see cref="ProfileUpdate"/>.</summary>
    public string? ValueOf(string field) => field switch
    {
        nameof(ProfileUpdate.FirstName) => FirstName,
        nameof(ProfileUpdate.LastName) => LastName,
        nameof(ProfileUpdate.Company) => Company,
        nameof(ProfileUpdate.Country) => Country,
        nameof(ProfileUpdate.TimeZone) => TimeZone,
        nameof(ProfileUpdate.AvatarUrl) => AvatarUrl,
        nameof(ProfileUpdate.Phone) => Phone,
        nameof(ProfileUpdate.PreferredLanguage) => PreferredLanguage,
        _ => null,
    };
}
