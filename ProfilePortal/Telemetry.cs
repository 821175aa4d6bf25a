using OpenTelemetry.Metrics;
using ProfilePortal.Domain.Notifications;
using ProfilePortal.Domain.Profile;
using ProfilePortal.Domain.Trials;
using ProfilePortal.Metrics;

namespace ProfilePortal;

internal static class Telemetry
{
    /// <summary>
    /// Metrics for Prometheus: the portal's own meters, ASP.NET Core's (requests, Kestrel, Blazor circuits),
    /// EF Core's and the runtime's; read by a scraper with the token or a site admin (<see cref="MetricsAccess"/>).
    /// </summary>
    public static IServiceCollection AddPortalMetrics(this IServiceCollection services)
    {
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(ProfileMetrics.MeterName, BillingMetrics.MeterName, EmailMetrics.MeterName)
            .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Components.Server.Circuits")
            .AddMeter("Microsoft.AspNetCore.Authentication", "Microsoft.AspNetCore.Identity", "Microsoft.AspNetCore.RateLimiting")
            .AddMeter("Microsoft.EntityFrameworkCore")
            .AddRuntimeInstrumentation()
            .AddPrometheusExporter());
        services.AddMetricsAccess();
        return services;
    }
}
