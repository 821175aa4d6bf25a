using System.Reflection;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Components.Admin;
using ProfilePortal.Domain.Identity;

namespace ProfilePortal.Tests.Unit;

/// <summary>
/// The admin customer pages' route authorization, evaluated with the app's own policy: an anonymous visitor is
/// challenged (the cookie handler sends them to sign in), a customer is forbidden, an admin passes.
/// </summary>
public sealed class CustomerPagesAuthorizationTests
{
    public static TheoryData<Type, string> Pages => new()
    {
        { typeof(CustomersPage), "/admin/customers" },
        { typeof(CustomerPage), "/admin/customers/{UserId:guid}" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Anonymous_is_challenged_a_customer_forbidden_and_an_admin_let_in(Type page, string route)
    {
        Assert.Equal(route, page.GetCustomAttribute<RouteAttribute>()!.Template);
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddPortalWeb(new ConfigurationBuilder().Build())
            .BuildServiceProvider();
        var policy = await AuthorizationPolicy.CombineAsync(
            services.GetRequiredService<IAuthorizationPolicyProvider>(), page.GetCustomAttributes<AuthorizeAttribute>());
        var evaluator = services.GetRequiredService<IPolicyEvaluator>();

        var anonymous = await evaluator.AuthorizeAsync(policy!, AuthenticateResult.NoResult(), Context(services, new ClaimsPrincipal(new ClaimsIdentity())), null);
        var customer = await evaluator.AuthorizeAsync(policy!, Signed(), Context(services, Principal()), null);
        var admin = await evaluator.AuthorizeAsync(policy!, Signed(Roles.Admin), Context(services, Principal(Roles.Admin)), null);

        Assert.True(anonymous.Challenged);
        Assert.True(customer.Forbidden);
        Assert.True(admin.Succeeded);
    }

    private static ClaimsPrincipal Principal(params string[] roles) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, Guid.NewGuid().ToString()), .. roles.Select(r => new Claim(ClaimTypes.Role, r))], "Identity.Application"));

    private static AuthenticateResult Signed(params string[] roles) =>
        AuthenticateResult.Success(new AuthenticationTicket(Principal(roles), "Identity.Application"));

    private static DefaultHttpContext Context(IServiceProvider services, ClaimsPrincipal user) => new() { RequestServices = services, User = user };
}
