using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using MudBlazor;
using ProfilePortal.Components.Shared;

namespace ProfilePortal.Components.Layout;

/// <summary>
/// MudBlazor's theme provider with one shared copy of its style sheet: the sheet is about 12,000 characters of CSS
/// variables, and every circuit kept its own copy (two, after a re-render) in its render tree — tens of kilobytes
/// per open tab (issue 10, docs/performance.md). The sheet is still built on each render, as MudBlazor does, but the
/// render tree keeps the one copy all circuits share. Renders exactly what <see cref="MudThemeProvider"/> renders (a test compares them, so a MudBlazor upgrade that
/// changes it fails there). On a static page that follows the device setting it adds the dark sheet under
/// <c>prefers-color-scheme: dark</c>, so the first paint follows the device without a script.
/// </summary>
public sealed class PortalThemeProvider : MudThemeProvider
{
    // One theme, light and dark: a handful of sheets. The cap keeps a theme built anew per render from growing it.
    private const int MaxSheets = 8;

    private static readonly ConcurrentDictionary<string, string> Sheets = new(StringComparer.Ordinal);

    private static readonly MarkupString Scrollbar = new(BuildMudBlazorScrollbar());

    // MudThemeProvider's own markup between the two (its chart hover filter), as MudBlazor 9 renders it.
    private const string ChartHover =
        "<style>\n    .mud-chart-serie:hover {\n        filter: url(#lighten);\n    }\n\n    .mud-chart-serie-hovered \n    {\n        filter: url(#lighten);\n    }\n</style>\n\n";

    /// <summary>The shared copy of <paramref name="sheet"/>: the first one seen with that text.</summary>
    internal static string Shared(string sheet) =>
        Sheets.TryGetValue(sheet, out var shared) ? shared
        : Sheets.Count < MaxSheets ? Sheets.GetOrAdd(sheet, sheet)
        : sheet;

    /// <summary>
    /// Only the palette's sheet, inside this media query (e.g. <c>(prefers-color-scheme: dark)</c>): the dark sheet a
    /// static page adds for a visitor who follows the device setting.
    /// </summary>
    [Parameter]
    public string? Media { get; set; }

    /// <summary>
    /// No stored choice: the palette follows the device. Interactive, the layout asks the browser once the circuit is
    /// up; a static page (excluded from interactive routing) has no circuit, so this provider leaves it to CSS: the
    /// light sheet, then the dark one under <c>prefers-color-scheme: dark</c>.
    /// </summary>
    [Parameter]
    public bool FollowsDevice { get; set; }

    private bool FollowsDeviceStatically =>
        FollowsDevice && Media is null && StaticPage.Is(AssignedRenderMode, RendererInfo);

    /// <summary>A <c>&lt;style&gt;</c> sheet's rules wrapped in <paramref name="media"/>.</summary>
    internal static string WrapInMedia(string sheet, string media)
    {
        var start = sheet.IndexOf('>', StringComparison.Ordinal) + 1;
        var end = sheet.LastIndexOf("</style>", StringComparison.Ordinal);
        return $"<style>@media {media}{{{sheet[start..end]}}}</style>";
    }

    protected override void BuildRenderTree(RenderTreeBuilder __builder)
    {
        ArgumentNullException.ThrowIfNull(__builder);
        if (Media is not null)
        {
            __builder.AddContent(3, new MarkupString(Shared(WrapInMedia(BuildTheme(), Media))));
            return;
        }

        // "Default scrollbar" means the browser's own; otherwise MudBlazor styles it.
        if (!DefaultScrollbar)
        {
            __builder.AddContent(0, Scrollbar);
        }

        __builder.AddMarkupContent(1, ChartHover);
        __builder.AddContent(2, new MarkupString(Shared(BuildTheme())));
        if (FollowsDeviceStatically)
        {
            // The same provider with the dark palette: MudBlazor builds a sheet from its IsDarkMode parameter only.
            __builder.OpenComponent<PortalThemeProvider>(4);
            __builder.AddComponentParameter(5, nameof(Theme), Theme);
            __builder.AddComponentParameter(6, nameof(IsDarkMode), true);
            __builder.AddComponentParameter(7, nameof(Media), "(prefers-color-scheme: dark)");
            __builder.CloseComponent();
        }
    }
}
