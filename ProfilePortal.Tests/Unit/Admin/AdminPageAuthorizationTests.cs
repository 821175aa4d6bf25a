using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Components.Admin;
using ProfilePortal.Domain.Identity;

namespace ProfilePortal.Tests.Unit.Admin;

/// <summary>
/// The admin pages' route authorization as <c>AuthorizeRouteView</c> evaluates it, with the app's own policies: an
/// anonymous visitor fails unauthenticated (Routes redirects to sign-in), a customer fails authenticated (Routes shows
/// "Access denied"), an admin passes. The services behind the pages refuse non-admins too (their own tests).
/// </summary>
public sealed class AdminPageAuthorizationTests
{
    public static TheoryData<Type, string> Pages => new()
    {
        { typeof(FlagsPage), "/admin/flags" },
        { typeof(PlansPage), "/admin/plans" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public void The_page_is_routed_at_its_address_behind_the_admin_policy(Type page, string route)
    {
        Assert.Equal(route, Assert.Single(page.GetCustomAttributes(typeof(RouteAttribute), false).Cast<RouteAttribute>()).Template);
        Assert.Equal(Roles.Admin, Assert.Single(page.GetCustomAttributes(typeof(AuthorizeAttribute), true).Cast<AuthorizeAttribute>()).Policy);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Anonymous_goes_to_sign_in_a_customer_is_forbidden_and_an_admin_gets_in(Type page, string route)
    {
        Assert.NotEmpty(route);
        await using var services = AppAuthorization();
        var policy = await AuthorizationPolicy.CombineAsync(
            services.GetRequiredService<IAuthorizationPolicyProvider>(), page.GetCustomAttributes(typeof(IAuthorizeData), true).Cast<IAuthorizeData>());
        var authorization = services.GetRequiredService<IAuthorizationService>();

        var anonymous = new ClaimsPrincipal(new ClaimsIdentity());
        var customer = Person("customer@example.com");
        var admin = Person("admin@example.com", Roles.Admin);

        Assert.False((await authorization.AuthorizeAsync(anonymous, null, policy!)).Succeeded);
        Assert.False(anonymous.Identity!.IsAuthenticated);
        Assert.False((await authorization.AuthorizeAsync(customer, null, policy!)).Succeeded);
        Assert.True(customer.Identity!.IsAuthenticated);
        Assert.True((await authorization.AuthorizeAsync(admin, null, policy!)).Succeeded);
    }

    private static ClaimsPrincipal Person(string email, params string[] roles) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, email), .. roles.Select(r => new Claim(ClaimTypes.Role, r))], "Identity.Application"));

    private static ServiceProvider AppAuthorization()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPortalWeb(new ConfigurationBuilder().Build());
        return services.BuildServiceProvider();
    }
}
