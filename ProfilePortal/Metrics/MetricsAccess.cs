using Microsoft.AspNetCore.Identity;
using ProfilePortal.Domain.Identity;

namespace ProfilePortal.Metrics;

/// <summary>
/// Who may read <c>/metrics</c>, in every environment: a scraper with the bearer token, or a signed-in site admin.
/// Anyone else gets 401 (a signed-in customer 403), so the endpoint's existence is no secret but its figures are.
/// </summary>
internal static class MetricsAccess
{
    public const string Policy = "MetricsScrape";

    /// <summary>The scheme the policy uses: the token when a bearer header is sent, otherwise the sign-in cookie.</summary>
    public const string Scheme = "Metrics";

    public const string TokenScheme = "MetricsToken";

    public const string ScrapeClaim = "metrics:scrape";

    public static IServiceCollection AddMetricsAccess(this IServiceCollection services)
    {
        services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.SectionName);
        services.AddAuthentication()
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ScrapeTokenHandler>(TokenScheme, null)
            .AddPolicyScheme(Scheme, null, options =>
            {
                options.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                        ? TokenScheme
                        : IdentityConstants.ApplicationScheme;
                options.ForwardChallenge = TokenScheme;
                options.ForwardForbid = TokenScheme;
            });
        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy
            .AddAuthenticationSchemes(Scheme)
            .RequireAssertion(context => context.User.IsInRole(Roles.Admin) || context.User.HasClaim(ScrapeClaim, "true")));
        return services;
    }
}
