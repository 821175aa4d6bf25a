using System.Diagnostics.CodeAnalysis;

namespace ProfilePortal.Components.Account;

/// <summary>
/// The one rule for where the account pages may send someone afterwards (sign-in, sign-up, the emailed confirmation
/// link): a path on this site such as <c>/invitations/…</c>, never another host (<c>https://…</c>, <c>//host</c>,
/// <c>/\host</c>), so a crafted link cannot turn the portal into an open redirect. It is the rule of ASP.NET Core's
/// <c>IUrlHelper.IsLocalUrl</c> for paths.
/// </summary>
internal static class ReturnUrls
{
    /// <summary><paramref name="url"/> when it is local, otherwise null (the page then goes to its default).</summary>
    public static string? LocalOrNull(string? url) => IsLocal(url) ? url : null;

    public static bool IsLocal([NotNullWhen(true)] string? url) =>
        url is ['/'] || (url is ['/', not ('/' or '\\'), ..] && !url.Any(char.IsControl));
}
