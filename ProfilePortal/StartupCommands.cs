using Microsoft.Extensions.Options;
using ProfilePortal.Infrastructure.Identity;
using ProfilePortal.Infrastructure.Persistence;
using ProfilePortal.Infrastructure.Scheduling;

namespace ProfilePortal;

/// <summary>What happens to the database before the app serves: the <c>migrate</c> command and start-up preparation.</summary>
internal static partial class StartupCommands
{
    public static bool IsMigrate(string[] args) => args.Length > 0 && args[0] == "migrate";

    public static bool IsHealthProbe(string[] args) => args.Length > 0 && args[0] == "healthcheck";

    /// <summary>
    /// <c>dotnet ProfilePortal.dll healthcheck</c>: the container's probe (the runtime image has no curl).
    /// Exits 0 when <c>/health/live</c> on <c>HEALTHCHECK_URL</c> (default port 8080) answers 200.
    /// </summary>
    public static async Task<int> ProbeHealthAsync()
    {
        var url = Environment.GetEnvironmentVariable("HEALTHCHECK_URL") ?? "http://127.0.0.1:8080/health/live";
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(4) };
        try
        {
            using var response = await client.GetAsync(new Uri(url));
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (HttpRequestException)
        {
            return 1;
        }
        catch (TaskCanceledException)
        {
            return 1;
        }
    }

    /// <summary><c>dotnet ProfilePortal.dll migrate</c>: apply migrations and reference data, then exit.</summary>
    public static async Task<int> MigrateAsync(WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Migrate");
        await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        await app.Services.GetRequiredService<SchedulerSchemaMigrator>().MigrateAsync();
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AdminBootstrapper>().EnsureAdminAsync();
        LogMigrated(logger);
        return 0;
    }

    /// <summary>Migrates where configured (Development, tests), bootstraps the admin, seeds demo data.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var migrator = app.Services.GetRequiredService<DatabaseMigrator>();
        if (options.MigrateOnStartup)
        {
            await migrator.MigrateAsync();
            await app.Services.GetRequiredService<SchedulerSchemaMigrator>().MigrateAsync();
        }
        else if ((await migrator.GetPendingMigrationsAsync()).Count > 0)
        {
            throw new InvalidOperationException(
                "The database schema is behind this release. Back up the database, then run the 'migrate' command (docs/operations.md).");
        }

        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AdminBootstrapper>().EnsureAdminAsync();
        if (options.SeedDemoData)
        {
            await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database migrated")]
    private static partial void LogMigrated(ILogger logger);
}
