using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Infrastructure.Identity;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Admin;

/// <summary>
/// The outbox and jobs pages over HTTP, as the app's own cookie and admin policy guard them: an anonymous visitor is
/// sent to sign in, a customer to "access denied", an admin gets the page.
/// </summary>
public sealed class AdminOpsPageAuthorizationTests(PortalApp app) : IClassFixture<PortalApp>
{
    public static TheoryData<string> Pages => new() { "admin/emails", "admin/jobs" };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task An_anonymous_visitor_is_sent_to_sign_in(string page)
    {
        using var http = Client(cookie: null);

        using var response = await http.GetAsync(page);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Login", response.Headers.Location!.AbsolutePath);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_customer_is_refused(string page)
    {
        using var http = Client(await CookieOfAsync(role: null));

        using var response = await http.GetAsync(page);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/AccessDenied", response.Headers.Location!.AbsolutePath);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task An_admin_gets_the_page(string page)
    {
        using var http = Client(await CookieOfAsync(Roles.Admin));

        using var response = await http.GetAsync(page);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private HttpClient Client(string? cookie)
    {
        var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = app.BaseAddress };
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
        var bootstrapper = services.GetRequiredService<AdminBootstrapper>();
        await bootstrapper.EnsureAdminAsync();
        var user = await bootstrapper.CreateConfirmedUserAsync(Builders.UniqueEmail("pages"), Builders.StrongPassword, "en", role, CancellationToken.None);
        var principal = await services.GetRequiredService<SignInManager<ApplicationUser>>().CreateUserPrincipalAsync(user);
        var options = services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        var ticket = new AuthenticationTicket(principal, new AuthenticationProperties(), IdentityConstants.ApplicationScheme);
        return $"{options.Cookie.Name}={options.TicketDataFormat.Protect(ticket)}";
    }
}
