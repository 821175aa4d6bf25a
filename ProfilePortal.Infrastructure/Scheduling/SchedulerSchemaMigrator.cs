using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ProfilePortal.Infrastructure.Persistence;

namespace ProfilePortal.Infrastructure.Scheduling;

/// <summary>
/// The scheduler's part of the <c>migrate</c> command: on SQL Server, applies Quartz's schema script (the
/// one shipped as <c>deploy/sql/quartz-sqlserver.sql</c>) so the app, which only validates it, can start.
/// On SQLite there is nothing to do: the single scheduler node creates its tables itself.
/// </summary>
public sealed partial class SchedulerSchemaMigrator(
    IOptions<DatabaseOptions> database,
    IDbContextFactory<PortalDbContext> dbFactory,
    ILogger<SchedulerSchemaMigrator> logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        if (database.Value.Provider != DatabaseProvider.SqlServer)
        {
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var batches = Batches(QuartzSqlServerSchema.Render());
        foreach (var batch in batches)
        {
            // The script is Quartz's own and contains no braces or parameters; it creates only what is missing.
            await db.Database.ExecuteSqlRawAsync(batch, cancellationToken);
        }

        LogApplied(batches.Count);
    }

    /// <summary>Splits a script on its <c>GO</c> lines, as sqlcmd does, dropping empty batches.</summary>
    internal static List<string> Batches(string script) =>
        [.. script.Split("\nGO\n").Select(batch => batch.Trim()).Where(batch => batch.Length > 0 && !IsOnlyComments(batch))];

    private static bool IsOnlyComments(string batch) =>
        batch.Split('\n').All(line => line.TrimStart().StartsWith("--", StringComparison.Ordinal) || line.Trim().Length == 0);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduler schema applied ({Batches} statements, existing objects kept)")]
    private partial void LogApplied(int batches);
}
