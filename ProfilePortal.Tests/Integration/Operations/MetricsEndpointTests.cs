using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Infrastructure.Identity;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Operations;

/// <summary><c>/metrics</c> answers a scraper with the configured token and a signed-in site admin, nobody else.</summary>
public sealed class MetricsEndpointTests(ProductionPortalApp app) : IClassFixture<ProductionPortalApp>
{
    private static readonly Uri Metrics = new("/metrics", UriKind.Relative);

    [Fact]
    public async Task An_anonymous_request_is_refused_with_a_bearer_challenge()
    {
        using var http = Client();

        using var response = await http.GetAsync(Metrics);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.Empty(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_wrong_token_is_refused()
    {
        using var http = Client();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ProductionPortalApp.ScrapeToken + "x");

        using var response = await http.GetAsync(Metrics);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_configured_token_reads_the_metrics()
    {
        using var http = Client();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ProductionPortalApp.ScrapeToken);

        using var response = await http.GetAsync(Metrics);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("# TYPE ", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_in_admin_reads_the_metrics()
    {
        using var http = Client(await CookieOfAsync(Roles.Admin));

        using var response = await http.GetAsync(Metrics);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_signed_in_customer_is_forbidden()
    {
        using var http = Client(await CookieOfAsync(role: null));

        using var response = await http.GetAsync(Metrics);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private HttpClient Client(string? cookie = null)
    {
        var http = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        if (cookie is not null)
        {
            http.DefaultRequestHeaders.Add("Cookie", cookie);
        }

        return http;
    }

    /// <summary>The sign-in cookie the app would issue to a new confirmed user, made with the app's own ticket format.</summary>
    private async Task<string> CookieOfAsync(string? role)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var user = await services.GetRequiredService<AdminBootstrapper>()
            .CreateConfirmedUserAsync(Builders.UniqueEmail("metrics"), Builders.StrongPassword, "en", role, CancellationToken.None);
        var principal = await services.GetRequiredService<SignInManager<ApplicationUser>>().CreateUserPrincipalAsync(user);
        var options = services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        var ticket = new AuthenticationTicket(principal, new AuthenticationProperties(), IdentityConstants.ApplicationScheme);
        return $"{options.Cookie.Name}={options.TicketDataFormat.Protect(ticket)}";
    }
}
