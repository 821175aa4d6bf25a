using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using MudBlazor;

namespace ProfilePortal.Components.Layout;

/// <summary>
/// MudBlazor's theme provider with one shared copy of its style sheet: the sheet is about 12,000 characters of CSS
/// variables, and every circuit kept its own copy (two, after a re-render) in its render tree — tens of kilobytes
/// per open tab (issue 10, docs/performance.md). The sheet is still built on each render, as MudBlazor does, but the
/// render tree keeps the one copy all circuits share. Renders exactly what <see cref="MudThemeProvider"/> renders (a test compares them, so a MudBlazor upgrade that
/// changes it fails there).
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

    protected override void BuildRenderTree(RenderTreeBuilder __builder)
    {
        ArgumentNullException.ThrowIfNull(__builder);
        // "Default scrollbar" means the browser's own; otherwise MudBlazor styles it.
        if (!DefaultScrollbar)
        {
            __builder.AddContent(0, Scrollbar);
        }

        __builder.AddMarkupContent(1, ChartHover);
        __builder.AddContent(2, new MarkupString(Shared(BuildTheme())));
    }
}
