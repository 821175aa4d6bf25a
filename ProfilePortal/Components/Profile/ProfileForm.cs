using ProfilePortal.Domain.Profile;

namespace ProfilePortal.Components.Profile;

/// <summary>
/// What the edit drawer binds to: the editable fields of a profile as its boxes show them, and the version they
/// were read at. The country and the time zone are the texts of their boxes (a name, a label); a save maps them
/// back to codes. The rules live in <see cref="ProfileRules"/>; this is only the shape.
/// </summary>
internal sealed class ProfileForm
{
    public string? FirstName { get; set; }

    public string? LastName { get; set; }

    public string? Company { get; set; }

    /// <summary>The country as its box shows it: its name in the reader's language, or what the user typed.</summary>
    public string? Country { get; set; }

    /// <summary>The time zone as its box shows it: "Europe/Berlin (UTC+01:00)", or what the user typed.</summary>
    public string? TimeZone { get; set; }

    public string? AvatarUrl { get; set; }

    public string? Phone { get; set; }

    public string PreferredLanguage { get; set; } = "";

    public bool NotifyWhenQuotaLow { get; set; }

    /// <summary>The version the values were read at; a save sends it back to detect someone else's change.</summary>
    public string Version { get; private init; } = "";

    /// <summary>The stored country code, for a box that still shows its label.</summary>
    public string? StoredCountry { get; private init; }

    /// <summary>The stored time zone, for a box that still shows its label (even a zone the list no longer offers).</summary>
    public string? StoredTimeZone { get; private init; }

    public static ProfileForm From(ProfileView profile, Func<string, string> countryLabel, Func<string, string> zoneLabel) => new()
    {
        FirstName = profile.FirstName,
        LastName = profile.LastName,
        Company = profile.Company,
        Country = string.IsNullOrEmpty(profile.Country) ? null : countryLabel(profile.Country),
        TimeZone = string.IsNullOrEmpty(profile.TimeZone) ? null : zoneLabel(profile.TimeZone),
        AvatarUrl = profile.AvatarUrl,
        Phone = profile.Phone,
        PreferredLanguage = profile.PreferredLanguage,
        NotifyWhenQuotaLow = profile.NotifyWhenQuotaLow,
        Version = profile.Version,
        StoredCountry = profile.Country,
        StoredTimeZone = profile.TimeZone,
    };

    /// <summary>
    /// The update to send: the country and time zone texts mapped to codes by <paramref name="countryCode"/> and
    /// <paramref name="zoneCode"/> (a text they do not know is sent as typed, for the service to refuse).
    /// </summary>
    public ProfileUpdate ToUpdate(Func<string?, string?> countryCode, Func<string?, string?> zoneCode) =>
        new(FirstName, LastName, Company, countryCode(Country), zoneCode(TimeZone), AvatarUrl, Phone, PreferredLanguage, NotifyWhenQuotaLow);

    /// <summary>The current value of a field named as in <see cref="ProfileUpdate"/>, as its box shows it.</summary>
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
