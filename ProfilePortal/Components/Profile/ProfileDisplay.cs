using System.Globalization;
using Microsoft.Extensions.Localization;
using ProfilePortal.Domain.Profile;
using ProfilePortal.Resources;

namespace ProfilePortal.Components.Profile;

/// <summary>
/// How the profile page writes instants, time zones and countries: in the user's zone (empty means UTC), in the
/// reader's culture and language.
/// </summary>
internal static class ProfileDisplay
{
    /// <summary>Date and time in the user's zone, e.g. "23.11.2026 13:00".</summary>
    public static string DateTime(DateTimeOffset instant, string? zone) =>
        TimeZones.ToLocal(instant, zone).ToString("g", CultureInfo.CurrentCulture);

    /// <summary>The date alone in the user's zone.</summary>
    public static string Date(DateTimeOffset instant, string? zone) =>
        TimeZones.ToLocal(instant, zone).ToString("d", CultureInfo.CurrentCulture);

    /// <summary>The instant in ISO 8601 with the zone's offset, for a <c>time</c> element's <c>datetime</c>.</summary>
    public static string Machine(DateTimeOffset instant, string? zone) =>
        TimeZones.ToLocal(instant, zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>The zone's IANA id (UTC when none is set).</summary>
    public static string ZoneId(string? zone) => string.IsNullOrWhiteSpace(zone) ? TimeZones.Utc : zone;

    /// <summary>"Europe/Moscow (UTC+03:00)": the id with its offset at <paramref name="now"/>.</summary>
    public static string ZoneLabel(string? zone, DateTimeOffset now)
    {
        var offset = TimeZones.Resolve(zone).GetUtcOffset(now);
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        return string.Create(CultureInfo.InvariantCulture, $"{ZoneId(zone)} (UTC{sign}{offset.Duration():hh\\:mm})");
    }

    /// <summary>The country's name in the reader's language; the code itself for a code the list does not know.</summary>
    public static string CountryName(IStringLocalizer<CountryNames> names, string code) =>
        names[code] is { ResourceNotFound: false } name ? name.Value : code;
}
