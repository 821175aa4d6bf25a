using System.Text.RegularExpressions;

namespace ProfilePortal.Tests.Support;

/// <summary>Rendered text made comparable: ICU writes no-break spaces in numbers and times ("3 900 ₽", "3:00 AM").</summary>
public static partial class DisplayText
{
    /// <summary>Runs of white space, including no-break spaces, as one space; trimmed.</summary>
    public static string Spaced(string text) => Spaces().Replace(text, " ").Trim();

    [GeneratedRegex(@"[\s\u00A0\u202F]+")]
    private static partial Regex Spaces();
}
