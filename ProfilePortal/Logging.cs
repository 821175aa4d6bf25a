using Serilog;

namespace ProfilePortal;

internal static class Logging
{
    /// <summary>
    /// Serilog from the <c>Serilog</c> configuration section: console and a rolling file by default
    /// (appsettings.json), enriched with the request's context.
    /// </summary>
    public static void AddPortalLogging(this WebApplicationBuilder builder) =>
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext());
}
