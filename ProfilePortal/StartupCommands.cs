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
    /// Exits 0 when <c>/health/live</c> answers 200 (<see cref="HealthProbeUrl"/>).
    /// </summary>
    public static async Task<int> ProbeHealthAsync()
    {
        var url = HealthProbeUrl(Environment.GetEnvironmentVariable);
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(4) };
        try
        {
            using var response = await client.GetAsync(url);
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

    /// <summary>
    /// <c>HEALTHCHECK_URL</c> when set; else <c>/health/live</c> on loopback at the first port of
    /// <c>ASPNETCORE_HTTP_PORTS</c> (the port the app listens on in the image), or 8080.
    /// </summary>
    internal static Uri HealthProbeUrl(Func<string, string?> environment)
    {
        if (environment("HEALTHCHECK_URL") is { Length: > 0 } url)
        {
            return new Uri(url);
        }

        var port = environment("ASPNETCORE_HTTP_PORTS")?.Split([';', ','], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault() ?? "8080";
        return new Uri($"http://127.0.0.1:{port}/health/live");
    }

    /// <summary>
    /// <c>dotnet ProfilePortal.dll migrate [--no-backup] [--backup-dir DIR]</c>: when migrations are pending, backs
    /// the database up, applies them and the reference data, verifies the result, then Quartz's schema and the admin.
    /// Prints where the backup is and how to roll back. Exits 1, having changed nothing, when the backup fails, and
    /// exits 1 with the way back when a migration or the verification fails.
    /// </summary>
    public static async Task<int> MigrateAsync(WebApplication app, string[] args, TextWriter output)
    {
        var request = ParseMigrate(args);
        if (request is null)
        {
            await output.WriteLineAsync("Usage: migrate [--no-backup] [--backup-dir DIR]");
            return 1;
        }

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Migrate");
        if (!await app.Services.GetRequiredService<DatabaseUpgrade>().RunAsync(request, output))
        {
            return 1;
        }

        await app.Services.GetRequiredService<SchedulerSchemaMigrator>().MigrateAsync();
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AdminBootstrapper>().EnsureAdminAsync();
        LogMigrated(logger);
        return 0;
    }

    public static bool IsRestore(string[] args) => args.Length > 0 && args[0] == "restore";

    /// <summary>
    /// <c>dotnet ProfilePortal.dll restore --from FILE</c> (SQLite): puts a backup of the <c>migrate</c> command back,
    /// keeping a copy of the database it replaces. Stop every node first.
    /// </summary>
    public static async Task<int> RestoreAsync(WebApplication app, string[] args, TextWriter output)
    {
        var at = Array.IndexOf(args, "--from");
        if (at < 1 || at + 1 >= args.Length)
        {
            await output.WriteLineAsync("Usage: restore --from FILE");
            return 1;
        }

        try
        {
            var previous = app.Services.GetRequiredService<DatabaseBackup>().RestoreSqlite(args[at + 1]);
            await output.WriteLineAsync($"Restored {args[at + 1]}. The database it replaced is kept in {previous}.");
            await output.WriteLineAsync("Start the release that matches the backup: a newer one refuses to start until 'migrate' runs again.");
            return 0;
        }
        catch (DatabaseBackupException e)
        {
            await output.WriteLineAsync(e.Message);
            return 1;
        }
    }

    /// <summary>The command's own flags; anything else (e.g. <c>--Database:Provider=SqlServer</c>) is host configuration.</summary>
    internal static MigrateRequest? ParseMigrate(string[] args)
    {
        var request = new MigrateRequest();
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i] == "--no-backup")
            {
                request = request with { Backup = false };
            }
            else if (args[i] == "--backup-dir")
            {
                if (i + 1 >= args.Length)
                {
                    return null;
                }

                request = request with { BackupDirectory = args[++i] };
            }
        }

        return request;
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
                "The database schema is behind this release. Run the 'migrate' command, which backs the database up first (docs/operations.md).");
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
