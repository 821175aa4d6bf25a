using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ProfilePortal.Components.Shared;

/// <summary>
/// A decorative Material icon as markup, the same <c>&lt;svg&gt;</c> <see cref="MudIcon"/> renders, without a
/// component: each component in a circuit costs its state and two render trees (about 2 KB per open tab, issue 10),
/// and an icon needs neither. Each icon, size and colour is built once; every circuit shares the string. For an icon
/// that must be announced (with a title), keep <see cref="MudIcon"/>.
/// </summary>
public static class StaticIcon
{
    // Keyed by what the portal's own markup asks for: a bounded set (its icons × a few sizes and colours).
    private static readonly ConcurrentDictionary<(string Icon, Size Size, Color Color, string? Class), MarkupString> Cache = new();

    /// <summary>The icon's markup, hidden from assistive technology (<c>aria-hidden</c>), as MudIcon renders it.</summary>
    public static MarkupString Of(string icon, Size size = Size.Medium, Color color = Color.Inherit, string? cssClass = null) =>
        Cache.GetOrAdd((icon, size, color, cssClass), static key =>
        {
            var classes = string.Join(' ', new[]
            {
                "mud-icon-root",
                key.Color == Color.Default ? "mud-icon-default" : null,
                "mud-svg-icon",
                key.Color is Color.Default or Color.Inherit ? null : $"mud-{Lower(key.Color)}-text",
                $"mud-icon-size-{Lower(key.Size)}",
                key.Class,
            }.Where(c => !string.IsNullOrEmpty(c)));
            return new MarkupString(
                $"""<svg class="{classes}" focusable="false" viewBox="0 0 24 24" aria-hidden="true" role="img">{key.Icon}</svg>""");
        });

    // MudBlazor's class names are the enum names in lower case (Color.Primary → mud-primary-text).
    private static string Lower<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();
}
