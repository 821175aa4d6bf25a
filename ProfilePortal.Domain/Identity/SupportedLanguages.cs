namespace ProfilePortal.Domain.Identity;

/// <summary>The languages the portal and its emails speak.</summary>
public static class SupportedLanguages
{
    public const string Russian = "ru";
    public const string English = "en";
    public const string Default = Russian;

    public static IReadOnlyList<string> All { get; } = [Russian, English];

    public static bool IsSupported(string? language) =>
        language is not null && All.Contains(language, StringComparer.OrdinalIgnoreCase);

    /// <summary>Maps "en-US", "EN" or an unknown value onto a supported two-letter code.</summary>
    public static string Normalize(string? language)
    {
        var twoLetter = language?.Split('-', '_')[0].Trim().ToLowerInvariant();
        return IsSupported(twoLetter) ? twoLetter! : Default;
    }
}
