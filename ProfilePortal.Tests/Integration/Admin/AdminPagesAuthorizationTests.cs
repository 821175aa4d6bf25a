using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Infrastructure.Identity;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Admin;

/// <summary>
/// Every <c>/admin</c> page over HTTP, as the app's own cookie and admin policy guard them: an anonymous visitor is
/// sent to sign in, a signed-in customer to "access denied", an admin gets the page. The pages are found by their
/// route attributes, so a new admin page is covered without being listed here. The services behind the pages refuse
/// non-admins too (their own tests).
/// </summary>
public sealed partial class AdminPagesAuthorizationTests(PortalApp app) : IClassFixture<PortalApp>
{
    /// <summary>The admin pages that exist today: the discovery below must find at least these.</summary>
    private static readonly string[] KnownPages =
    [
        "/admin",
        "/admin/audit",
        "/admin/customers",
        "/admin/customers/{UserId:guid}",
        "/admin/emails",
        "/admin/flags",
        "/admin/fraud",
        "/admin/jobs",
        "/admin/organizations",
        "/admin/organizations/{OrganizationId:guid}",
        "/admin/plans",
        "/admin/quota",
        "/admin/rollouts",
    ];

    public static TheoryData<string> Pages => [.. AdminPages().Select(p => p.Route)];

    [Fact]
    public void Every_known_admin_page_is_found()
    {
        Assert.Subset(AdminPages().Select(p => p.Route).ToHashSet(StringComparer.Ordinal), KnownPages.ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>The attribute is what both the HTTP endpoint and the interactive router (<c>AuthorizeRouteView</c>) enforce.</summary>
    [Theory]
    [MemberData(nameof(Pages))]
    public void The_page_carries_the_admin_policy(string route)
    {
        var page = AdminPages().Single(p => p.Route == route).Component;

        Assert.Contains(page.GetCustomAttributes<AuthorizeAttribute>(inherit: true), a => a.Policy == Roles.Admin);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task An_anonymous_visitor_is_sent_to_sign_in(string route)
    {
        var address = await AddressOfAsync(route);
        using var http = Client(cookie: null);

        using var response = await http.GetAsync(address);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Login", response.Headers.Location!.AbsolutePath);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_signed_in_customer_is_refused(string route)
    {
        var address = await AddressOfAsync(route);
        using var http = Client(await CookieOfAsync(role: null));

        using var response = await http.GetAsync(address);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/AccessDenied", response.Headers.Location!.AbsolutePath);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task An_admin_gets_the_page(string route)
    {
        var address = await AddressOfAsync(route);
        using var http = Client(await CookieOfAsync(Roles.Admin));

        using var response = await http.GetAsync(address);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Every routable component of the portal at <c>/admin</c> or below, with each of its routes.</summary>
    private static IEnumerable<(string Route, Type Component)> AdminPages() =>
        typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t))
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>(inherit: false).Select(r => (Route: r.Template, Component: t)))
            .Where(p => p.Route.Equals("/admin", StringComparison.OrdinalIgnoreCase) || p.Route.StartsWith("/admin/", StringComparison.OrdinalIgnoreCase))
            .OrderBy(p => p.Route, StringComparer.Ordinal);

    /// <summary>
    /// The relative address of a route template: a <c>guid</c> parameter becomes a real customer's id (a customer page
    /// that exists). A parameter of another kind fails here, so whoever adds one decides what to fill in.
    /// </summary>
    private async Task<string> AddressOfAsync(string route)
    {
        var address = route.TrimStart('/');
        foreach (Match parameter in RouteParameter().Matches(route))
        {
            if (!parameter.Groups["constraint"].Value.Equals("guid", StringComparison.OrdinalIgnoreCase))
            {
                throw new NotSupportedException($"No value for the route parameter {parameter.Value} of {route}: teach {nameof(AddressOfAsync)} one.");
            }

            var customer = await UserAsync(role: null);
            address = address.Replace(parameter.Value, customer.Id.ToString(), StringComparison.Ordinal);
        }

        return address;
    }

    [GeneratedRegex(@"\{[^}:]+(?::(?<constraint>[^}]+))?\}")]
    private static partial Regex RouteParameter();

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
        var user = await UserAsync(role);
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var principal = await services.GetRequiredService<SignInManager<ApplicationUser>>().CreateUserPrincipalAsync(user);
        var options = services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        var ticket = new AuthenticationTicket(principal, new AuthenticationProperties(), IdentityConstants.ApplicationScheme);
        return $"{options.Cookie.Name}={options.TicketDataFormat.Protect(ticket)}";
    }

    /// <summary>A new confirmed user, an admin when <paramref name="role"/> says so.</summary>
    private async Task<ApplicationUser> UserAsync(string? role)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var bootstrapper = scope.ServiceProvider.GetRequiredService<AdminBootstrapper>();
        await bootstrapper.EnsureAdminAsync();
        return await bootstrapper.CreateConfirmedUserAsync(Builders.UniqueEmail("pages"), Builders.StrongPassword, "en", role, CancellationToken.None);
    }
}
