using MudBlazor;

namespace ProfilePortal.Components.Layout;

/// <summary>The portal's look, shared by the interactive shell and the static account pages.</summary>
public static class PortalTheme
{
    // System fonts: the content security policy allows fonts from this site only, and none ship with it.
    private static readonly string[] FontStack =
        ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"];

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#3949ab",
            Secondary = "#00897b",
            AppbarBackground = "#283593",
            Background = "#f5f6fa",
            // MudBlazor's default secondary text is too light on this background for WCAG AA (4.5:1); axe checks it.
            TextSecondary = "rgba(0,0,0,0.64)",
            // Likewise the default red (#f44336) for field errors and their labels: this one reaches 5.6:1 on white.
            Error = "#c62828",
            // And the status colours of chips and alerts (paid, past due, info): each reaches 4.5:1 on white.
            Success = "#2e7d32",
            Warning = "#a04800",
            Info = "#1565c0",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#8c9eff",
            Secondary = "#4db6ac",
            AppbarBackground = "#1e1e2d",
            Background = "#15151f",
            Surface = "#1f1f2e",
            DrawerBackground = "#1a1a27",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = FontStack },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "8px" },
    };
}
