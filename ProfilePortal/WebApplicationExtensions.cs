using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using ProfilePortal.Components;
using ProfilePortal.Configuration;
using ProfilePortal.Health;
using ProfilePortal.Infrastructure.Health;
using ProfilePortal.Infrastructure.Payments.CloudPayments;
using ProfilePortal.Metrics;
using ProfilePortal.Notifications;
using ProfilePortal.Payments;
using Serilog;

namespace ProfilePortal;

internal static class WebApplicationExtensions
{
    public static WebApplication UsePortalPipeline(this WebApplication app)
    {
        if (app.Environment.IsDevelopment())
        {
            app.UseMigrationsEndPoint();
        }
        else
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
            app.UseHsts();
        }

        app.UseSecurityHeaders();
        app.UseSerilogRequestLogging();
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseRequestLocalization();
        app.UseRateLimiter();
        app.UseAntiforgery();

        // Live: the process answers. Ready: the database, SMTP server and scheduler work.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponseWriter.WriteAsync });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(HealthCheckTags.Ready),
            ResponseWriter = HealthResponseWriter.WriteAsync,
        });

        // Prometheus scrape endpoint (docs/operations.md): the scrape token or a signed-in admin, in every environment.
        app.MapPrometheusScrapingEndpoint("/metrics").RequireAuthorization(MetricsAccess.Policy);

        app.MapStaticAssets();
        var circuits = app.Services.GetRequiredService<IOptions<CircuitSettings>>().Value;
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode(options =>
            {
                // Our policy already says frame-ancestors 'none'; Blazor would send a second, looser header.
                options.ContentSecurityFrameAncestorsPolicy = null;
                options.DisableWebSocketCompression = !circuits.WebSocketCompression;
            });
        app.MapAdditionalIdentityEndpoints();
        app.MapOneClickUnsubscribe();
        if (app.Services.GetService<CloudPaymentsSignature>() is not null)
        {
            app.MapCloudPaymentsNotifications();
        }

        return app;
    }

    /// <summary>Headers every response carries (ASVS 3.4): no framing, no sniffing, a strict referrer.</summary>
    private static void UseSecurityHeaders(this WebApplication app)
    {
        // With CloudPayments the card page loads the provider's widget script, which opens its own frame.
        var widget = app.Services.GetService<IOptions<CloudPaymentsOptions>>() is { } cloudPayments
            && app.Services.GetService<CloudPaymentsSignature>() is not null
            ? " " + cloudPayments.Value.WidgetScriptUrl.GetLeftPart(UriPartial.Authority)
            : string.Empty;
        // Built once: a live circuit's WebSocket request keeps its response headers for as long as the tab is open.
        var contentSecurityPolicy =
            "default-src 'self'; img-src 'self' https: data:; style-src 'self' 'unsafe-inline'; " +
            $"script-src 'self'{widget}; frame-src 'self'{widget}; connect-src 'self' ws: wss:{widget}; font-src 'self' data:; " +
            "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'";
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            headers.ContentSecurityPolicy = contentSecurityPolicy;
            await next();
        });
    }
}
