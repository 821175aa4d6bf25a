using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ProfilePortal.Domain.Billing;

namespace ProfilePortal.Infrastructure.Persistence;

/// <summary>
/// Brings a database to the current schema and reference data: pending migrations, then the plan and
/// quota pack catalogue. Run by the <c>migrate</c> command, or at start-up where <c>MigrateOnStartup</c> is on.
/// </summary>
public sealed partial class DatabaseMigrator(IDbContextFactory<PortalDbContext> dbFactory, ILogger<DatabaseMigrator> logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // WAL lets the scheduler and the app read while the other writes; the setting persists in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        LogMigrating(pending.Count);
        await db.Database.MigrateAsync(cancellationToken);
        await SeedReferenceDataAsync(db, cancellationToken);
    }

    public async Task<IReadOnlyList<string>> GetPendingMigrationsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return [.. await db.Database.GetPendingMigrationsAsync(cancellationToken)];
    }

    // Inserts what is missing; existing rows are left alone, so prices an operator changed are kept.
    private static async Task SeedReferenceDataAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var planCodes = await db.Plans.Select(p => p.Code).ToListAsync(cancellationToken);
        db.Plans.AddRange(PlanCatalog.Plans.Where(p => !planCodes.Contains(p.Code)).Select(Clone));

        var packCodes = await db.QuotaPacks.Select(p => p.Code).ToListAsync(cancellationToken);
        db.QuotaPacks.AddRange(PlanCatalog.QuotaPacks.Where(p => !packCodes.Contains(p.Code)).Select(Clone));

        await db.SaveChangesAsync(cancellationToken);
    }

    // The catalogue holds shared instances; each context tracks its own copies.
    private static Plan Clone(Plan p) =>
        Plan.Create(p.Code, p.Name, p.Generation, p.IsActive, p.DurationMonths, p.PricePerMonth, p.MonthlyLaunchAllowance, p.SortOrder);

    private static QuotaPack Clone(QuotaPack p) => QuotaPack.Create(p.Code, p.Name, p.Launches, p.Price, p.SortOrder);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying {PendingCount} pending migrations")]
    private partial void LogMigrating(int pendingCount);
}
