using System.Net;
using System.Text.RegularExpressions;

namespace ProfilePortal.CircuitLoad;

/// <summary>
/// Signs a customer in the way a browser does: GET <c>/Account/Login</c> for the form's antiforgery token and
/// handler name, then POST the form; the cookies land in <paramref name="cookies"/>.
/// </summary>
/// <param name="baseAddress">The portal, ending with a slash.</param>
/// <param name="cookies">The visitor's cookies.</param>
public sealed partial class PortalSignIn(Uri baseAddress, CookieContainer cookies)
{
    /// <summary>The portal's name for Identity's application cookie (WebServiceCollectionExtensions), which proves the sign-in.</summary>
    public const string AuthenticationCookie = "ProfilePortal.Auth";

    /// <summary>Signs in; throws when the portal does not set the authentication cookie.</summary>
    public async Task SignInAsync(string email, string password, CancellationToken cancellationToken)
    {
        using var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var form = await http.GetStringAsync(new Uri("Account/Login", UriKind.Relative), cancellationToken);
        var fields = HiddenInputs().Matches(form).ToDictionary(m => m.Groups["name"].Value, m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        fields["Input.Email"] = email;
        fields["Input.Password"] = password;
        using var content = new FormUrlEncodedContent(fields);
        using var response = await http.PostAsync(new Uri("Account/Login", UriKind.Relative), content, cancellationToken);
        if (cookies.GetCookies(baseAddress)[AuthenticationCookie] is null)
        {
            throw new InvalidOperationException($"Signing in as {email} failed: {(int)response.StatusCode} {response.StatusCode}, no authentication cookie.");
        }
    }

    [GeneratedRegex("<input[^>]*type=\"hidden\"[^>]*name=\"(?<name>[^\"]+)\"[^>]*value=\"(?<value>[^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex HiddenInputs();
}
