using System.Globalization;

namespace ProfilePortal.Components.Profile;

/// <summary>How a long choice list (countries, time zones) narrows while the user types into its box.</summary>
internal static class ChoiceSearch
{
    /// <summary>
    /// The whole list while the box is empty or still shows the current choice; otherwise the items whose label or
    /// code contains the typed text, ignoring case and accents, in the reader's culture.
    /// </summary>
    public static IEnumerable<string> Filter(IReadOnlyList<string> items, string? text, Func<string?, string> label, string? current)
    {
        if (string.IsNullOrWhiteSpace(text) || text == label(current))
        {
            return items;
        }

        var typed = text.Trim();
        var compare = CultureInfo.CurrentCulture.CompareInfo;
        const CompareOptions options = CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace;
        return items.Where(item => compare.IndexOf(label(item), typed, options) >= 0 || compare.IndexOf(item, typed, options) >= 0);
    }
}
