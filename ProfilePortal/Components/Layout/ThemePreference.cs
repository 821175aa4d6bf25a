namespace ProfilePortal.Components.Layout;

/// <summary>The light/dark choice a visitor made; <see cref="System"/> follows the device setting.</summary>
public enum ThemePreference
{
    System,
    Light,
    Dark,
}

/// <summary>
/// The theme choice lives in a cookie (not local storage) so the server renders the right palette on the
/// first paint, including on the static account pages.
/// </summary>
public static class ThemeCookie
{
    public const string Name = "ProfilePortal.Theme";

    /// <summary>Name of the cascading value that carries the visitor's choice to the layouts.</summary>
    public const string CascadingName = "ThemePreference";

    public static ThemePreference Parse(string? value) => value switch
    {
        "dark" => ThemePreference.Dark,
        "light" => ThemePreference.Light,
        _ => ThemePreference.System,
    };

    public static string Format(bool isDarkMode) => isDarkMode ? "dark" : "light";
}
