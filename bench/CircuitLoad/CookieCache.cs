using System.Net;
using System.Text.Json;

namespace ProfilePortal.CircuitLoad;

/// <summary>
/// The load customers' authentication cookies in a file next to the bench database, so a re-run skips the
/// sign-ins (each costs the server a PBKDF2 hash). They stay valid while the Data Protection keys in that
/// database stay; a cookie the portal refuses is simply replaced by a new sign-in.
/// </summary>
/// <param name="path">The file.</param>
public sealed class CookieCache(string path)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _cookies = File.Exists(path)
        ? JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path)) ?? []
        : [];

    /// <summary>The visitor's cookies for <paramref name="email"/>: cached, or from a new sign-in.</summary>
    public async Task<CookieContainer> SignedInAsync(Uri baseAddress, string email, string password, bool refresh, CancellationToken cancellationToken)
    {
        var cookies = new CookieContainer();
        string? cached;
        lock (_gate)
        {
            cached = refresh ? null : _cookies.GetValueOrDefault(email);
        }

        if (cached is not null)
        {
            cookies.Add(baseAddress, new Cookie(PortalSignIn.AuthenticationCookie, cached));
            return cookies;
        }

        await new PortalSignIn(baseAddress, cookies).SignInAsync(email, password, cancellationToken);
        lock (_gate)
        {
            _cookies[email] = cookies.GetCookies(baseAddress)[PortalSignIn.AuthenticationCookie]!.Value;
        }

        return cookies;
    }

    /// <summary>Writes the cookies to the file.</summary>
    public void Save()
    {
        lock (_gate)
        {
            File.WriteAllText(path, JsonSerializer.Serialize(_cookies));
        }
    }
}
