using System.Net;

namespace ProfilePortal.CircuitLoad;

/// <summary>
/// One load customer's authentication cookie as a <c>Cookie:</c> header value, for HTTP load tools
/// (bench/Http/run.sh gives it to wrk): cached in a <see cref="CookieCache"/> file, and replaced by a new sign-in
/// when the portal no longer accepts it on <c>/profile</c>.
/// </summary>
public static class SignedInCookie
{
    /// <summary>
    /// The header value (<c>ProfilePortal.Auth=…</c>) for <paramref name="email"/>, checked to open <c>/profile</c>
    /// (200, not a redirect to the sign-in page); the cache file is updated.
    /// </summary>
    public static async Task<string> HeaderValueAsync(Uri baseAddress, string email, string cacheFile, CancellationToken cancellationToken)
    {
        var cache = new CookieCache(cacheFile);
        var cookies = await cache.SignedInAsync(baseAddress, email, LoadCustomers.Password, refresh: false, cancellationToken);
        if (await ProfileStatusAsync(baseAddress, cookies, cancellationToken) != HttpStatusCode.OK)
        {
            // A cached cookie the portal no longer accepts: sign in again, once.
            cookies = await cache.SignedInAsync(baseAddress, email, LoadCustomers.Password, refresh: true, cancellationToken);
            var status = await ProfileStatusAsync(baseAddress, cookies, cancellationToken);
            if (status != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"/profile answered {(int)status} {status} to {email}'s new sign-in.");
            }
        }

        cache.Save();
        // Only the authentication cookie: the antiforgery cookie of the sign-in form is not the profile's business.
        return $"{PortalSignIn.AuthenticationCookie}={cookies.GetCookies(baseAddress)[PortalSignIn.AuthenticationCookie]!.Value}";
    }

    private static async Task<HttpStatusCode> ProfileStatusAsync(Uri baseAddress, CookieContainer cookies, CancellationToken cancellationToken)
    {
        using var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        using var response = await http.GetAsync(new Uri("profile", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        return response.StatusCode;
    }
}
