using System.Globalization;
using Microsoft.Extensions.Localization;
using ProfilePortal.Resources;

namespace ProfilePortal.Components.Shared;

/// <summary>
/// Counted words ("1 day", "2 дня", "5 дней"): the resource key gets the plural category of the current UI
/// language as a suffix (<c>.One</c>, <c>.Few</c>, <c>.Many</c>); English uses One and Many only.
/// </summary>
internal static class PluralText
{
    public static string Format(IStringLocalizer<SharedResource> l, string key, int count) =>
        l[$"{key}.{Category(count, CultureInfo.CurrentUICulture)}", count];

    public static string Category(int count, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var n = Math.Abs(count);
        if (culture.TwoLetterISOLanguageName != "ru")
        {
            return n == 1 ? "One" : "Many";
        }

        return (n % 10, n % 100) switch
        {
            (1, not 11) => "One",
            (2 or 3 or 4, not (12 or 13 or 14)) => "Few",
            _ => "Many",
        };
    }
}
