using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using ProfilePortal.Components.Account;
using ProfilePortal.Configuration;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Features;
using ProfilePortal.Infrastructure.Features;

namespace ProfilePortal;

internal static class WebServiceCollectionExtensions
{
    public static IServiceCollection AddPortalWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddOptions<CircuitSettings>().BindConfiguration(CircuitSettings.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddTransient<IConfigureOptions<CircuitOptions>, CircuitOptionsFromSettings>();
        // The security headers middleware sends X-Frame-Options: DENY; antiforgery would add a second one.
        services.AddAntiforgery(options => options.SuppressXFrameOptionsHeader = true);
        services.AddMudServices();
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(options =>
        {
            var cultures = SupportedLanguages.All.Select(CultureInfo.GetCultureInfo).ToArray();
            options.DefaultRequestCulture = new(SupportedLanguages.Default);
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
        });

        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AccountEmails>();
        services.AddScoped<IdentityErrorText>();
        services.AddScoped<ProfilePortal.Components.Trials.TrialStateNotifier>();
        services.AddScoped<ProfilePortal.Components.Retention.PauseStateNotifier>();
        services.AddScoped<ProfilePortal.Components.Shared.IslandProviderState>();
        services.AddSingleton<SignInRevalidator>();
        services.AddHostedService(provider => provider.GetRequiredService<SignInRevalidator>());
        services.AddScoped<AuthenticationStateProvider, PortalAuthenticationStateProvider>();
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(cookie =>
        {
            // No "__Host-" prefix: browsers drop such a cookie unless it is Secure, which SameAsRequest only
            // makes it over HTTPS, so signing in over plain HTTP (local runs, the browser tests) never stuck.
            cookie.Cookie.Name = "ProfilePortal.Auth";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.LoginPath = "/Account/Login";
            cookie.AccessDeniedPath = "/Account/AccessDenied";
            cookie.ExpireTimeSpan = TimeSpan.FromDays(14);
            cookie.SlidingExpiration = true;
            cookie.Events.OnValidatePrincipal = SecurityStampCheck.ValidateWhenDueAsync;
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(Roles.Admin, policy => policy.RequireRole(Roles.Admin));

        var accountPostsPerMinute = configuration.GetValue("RateLimiting:AccountPostsPerMinute", 20);
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Sign-in, sign-up and reset form posts, per client address: generous for people, tight for
            // scripts. Everything else (pages, the circuit) is not limited here.
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                HttpMethods.IsPost(context.Request.Method) && context.Request.Path.StartsWithSegments("/Account")
                    ? RateLimitPartition.GetFixedWindowLimiter(
                        context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                        _ => new FixedWindowRateLimiterOptions
                        {
                            PermitLimit = accountPostsPerMinute,
                            Window = TimeSpan.FromMinutes(1),
                            QueueLimit = 0,
                        })
                    : RateLimitPartition.GetNoLimiter(string.Empty));
        });

        services.AddPortalFeatures<CircuitTargetingContextAccessor>();
        services.AddPortalMetrics();
        return services;
    }
}
