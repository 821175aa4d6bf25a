using Microsoft.AspNetCore.Components;

namespace ProfilePortal.Components.Layout;

/// <summary>
/// Whether a link is the current page, by the rules of Blazor's <c>NavLink</c> (.NET 10): <c>Match="All"</c> compares
/// the whole address without its query string and fragment; a prefix match needs a separator after the prefix
/// ("/billing" matches "/billing/x", not "/billingx"); a link ending in "/" also matches the address without it.
/// Lets a menu write its links as plain anchors instead of one component per link (issue 10: per-circuit memory).
/// </summary>
public static class NavLinkMatcher
{
    /// <summary>Whether <paramref name="href"/> is active at <paramref name="currentUri"/> (absolute).</summary>
    public static bool IsActive(NavigationManager navigation, string href, string currentUri, bool matchAll)
    {
        ArgumentNullException.ThrowIfNull(navigation);
        var target = navigation.ToAbsoluteUri(href).AbsoluteUri;
        var current = matchAll ? WithoutQueryAndFragment(currentUri) : currentUri;

        if (string.Equals(current, target, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        // http://host/path/ is also active at http://host/path, as the router treats them alike.
        if (current.Length == target.Length - 1 && target[^1] == '/'
            && target.StartsWith(current, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return !matchAll && IsStrictlyPrefixWithSeparator(current, target);
    }

    private static string WithoutQueryAndFragment(string uri)
    {
        var end = uri.AsSpan().IndexOfAny('?', '#');
        return end < 0 ? uri : uri[..end];
    }

    private static bool IsStrictlyPrefixWithSeparator(string value, string prefix) =>
        value.Length > prefix.Length
        && value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
        && (prefix.Length == 0 || !char.IsLetterOrDigit(prefix[^1]) || !char.IsLetterOrDigit(value[prefix.Length]));
}
