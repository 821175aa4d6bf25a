using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Common;

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
        await BackfillSearchKeysAsync(cancellationToken);
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

    private const int BackfillBatchSize = 1000;

    /// <summary>
    /// Rows written before the customer search existed have no search keys (ADR-015). The keys are computed in .NET
    /// (SQL's UPPER differs per engine and SQLite's ignores Cyrillic), so such rows are loaded in batches, in id
    /// order, and saved, which refreshes them. A later run finds nothing to do.
    /// </summary>
    private async Task BackfillSearchKeysAsync(CancellationToken cancellationToken)
    {
        var updated = await BackfillAsync(
            db => db.Users,
            u => (u.FirstName != null && u.NormalizedFirstName == null)
                || (u.LastName != null && u.NormalizedLastName == null)
                || (u.Company != null && u.NormalizedCompany == null),
            u => u.Id,
            cancellationToken);
        updated += await BackfillAsync(db => db.Organizations, o => o.NormalizedName == null, o => o.Id, cancellationToken);
        if (updated > 0)
        {
            LogBackfilled(updated);
        }
    }

    /// <summary>
    /// Saves the <paramref name="stale"/> rows in batches in id order. A row whose text is only blanks keeps a null
    /// key and stays stale; such rows all sort before the rows not read yet, so skipping their count moves on.
    /// </summary>
    private async Task<int> BackfillAsync<T>(
        Func<PortalDbContext, IQueryable<T>> rows,
        System.Linq.Expressions.Expression<Func<T, bool>> stale,
        System.Linq.Expressions.Expression<Func<T, Guid>> id,
        CancellationToken cancellationToken)
        where T : class, ISearchKeyed
    {
        var stillStale = stale.Compile();
        var updated = 0;
        var stuck = 0;
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var batch = await rows(db).Where(stale).OrderBy(id).Skip(stuck).Take(BackfillBatchSize).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return updated;
            }

            batch.ForEach(row => db.Entry(row).State = EntityState.Modified);
            await db.SaveChangesAsync(cancellationToken);
            var blank = batch.Count(stillStale);
            updated += batch.Count - blank;
            stuck += blank;
        }
    }

    // The catalogue holds shared instances; each context tracks its own copies.
    private static Plan Clone(Plan p) =>
        Plan.Create(p.Code, p.Name, p.Generation, p.IsActive, p.DurationMonths, p.PricePerMonth, p.MonthlyLaunchAllowance, p.SortOrder);

    private static QuotaPack Clone(QuotaPack p) => QuotaPack.Create(p.Code, p.Name, p.Launches, p.Price, p.SortOrder);

    [LoggerMessage(Level = LogLevel.Information, Message = "Filled the customer search keys of {Count} existing users and organizations")]
    private partial void LogBackfilled(int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying {PendingCount} pending migrations")]
    private partial void LogMigrating(int pendingCount);
}
