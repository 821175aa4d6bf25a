using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace ProfilePortal.Metrics;

/// <summary>
/// Signs in a scraper that sends <c>Authorization: Bearer &lt;Metrics:ScrapeToken&gt;</c>. Answers a challenge
/// with a bare 401 and <c>WWW-Authenticate: Bearer</c>, not the sign-in page a browser would get.
/// </summary>
internal sealed class ScrapeTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<MetricsOptions> metrics)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string Prefix = "Bearer ";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var expected = metrics.CurrentValue.ScrapeToken;
        if (string.IsNullOrEmpty(expected) || !SameSecret(header[Prefix.Length..].Trim(), expected))
        {
            return Task.FromResult(AuthenticateResult.Fail("The scrape token is wrong or none is configured."));
        }

        var identity = new ClaimsIdentity([new Claim(MetricsAccess.ScrapeClaim, "true")], Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        DisableStatusCodePage();
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        DisableStatusCodePage();
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }

    // Hashing first makes the comparison take the same time whatever the lengths and contents.
    private static bool SameSecret(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));

    // A scraper wants the status, not the portal's "not found" page rendered into the body.
    private void DisableStatusCodePage()
    {
        if (Context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
        {
            statusCodePages.Enabled = false;
        }
    }
}
