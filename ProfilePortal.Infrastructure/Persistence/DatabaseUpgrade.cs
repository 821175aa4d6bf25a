using Microsoft.EntityFrameworkCore;

namespace ProfilePortal.Infrastructure.Persistence;

/// <summary>How the <c>migrate</c> command was asked to run.</summary>
/// <param name="Backup">Back up before migrating (off with <c>--no-backup</c>).</param>
/// <param name="BackupDirectory">Where to, from <c>--backup-dir</c>; else <c>Database:BackupDirectory</c> or the default.</param>
public sealed record MigrateRequest(bool Backup = true, string? BackupDirectory = null);

/// <summary>
/// The database part of the <c>migrate</c> command (docs/operations.md, ADR-023): when migrations are pending, a
/// backup first (a failed backup stops everything), then the migrations and reference data, then a check that
/// nothing is pending and the key tables read. It tells the operator where the backup is and how to go back.
/// </summary>
public sealed class DatabaseUpgrade(DatabaseMigrator migrator, DatabaseBackup backup, IDbContextFactory<PortalDbContext> dbFactory)
{
    /// <summary>Runs the steps, writing each outcome to <paramref name="output"/>; true when the database is current and readable.</summary>
    public async Task<bool> RunAsync(MigrateRequest request, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        var pending = await migrator.GetPendingMigrationsAsync(cancellationToken);
        DatabaseBackupResult? taken = null;
        if (pending.Count == 0)
        {
            // Nothing but missing reference rows can change, and that is undone by deleting them: no copy needed.
            await output.WriteLineAsync("No pending migrations: no backup taken.");
        }
        else if (!request.Backup)
        {
            await output.WriteLineAsync($"{pending.Count} pending migrations; backup skipped (--no-backup).");
        }
        else
        {
            try
            {
                taken = await backup.BackupAsync(request.BackupDirectory, cancellationToken);
            }
            catch (DatabaseBackupException e)
            {
                await output.WriteLineAsync($"Backup failed, nothing was migrated. {e.Message}");
                await output.WriteLineAsync("Fix the folder (--backup-dir or Database:BackupDirectory), or pass --no-backup if you took a backup yourself.");
                return false;
            }

            await output.WriteLineAsync($"Backup: {taken.Path}");
        }

        try
        {
            await migrator.MigrateAsync(cancellationToken);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            // The operator needs the way back most when a migration breaks half way.
            await output.WriteLineAsync($"Migration failed: {e.Message}");
            await output.WriteLineAsync(taken is null
                ? "No backup was taken by this command: restore the one you took yourself (docs/operations.md)."
                : $"To roll back: {taken.RollbackInstructions}");
            return false;
        }

        foreach (var name in pending)
        {
            await output.WriteLineAsync($"Applied {name}");
        }

        var problem = await VerifyAsync(cancellationToken);
        await output.WriteLineAsync(problem is null ? "Verified: no pending migrations, key tables readable." : $"Verification failed: {problem}");
        if (taken is not null)
        {
            await output.WriteLineAsync($"To roll back: {taken.RollbackInstructions}");
        }

        return problem is null;
    }

    /// <summary>Null when nothing is pending and the key tables answer a query; else what is wrong.</summary>
    public async Task<string?> VerifyAsync(CancellationToken cancellationToken = default)
    {
        var pending = await migrator.GetPendingMigrationsAsync(cancellationToken);
        if (pending.Count > 0)
        {
            return $"still pending: {string.Join(", ", pending)}";
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        try
        {
            // Reading a row through the current model touches every mapped column, which a count would not.
            await db.Users.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
            await db.Organizations.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
            await db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
            await db.Memberships.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
            await db.Payments.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
            return await db.Plans.AnyAsync(cancellationToken) ? null : "the plan catalogue is empty";
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            return $"the key tables cannot be read: {e.Message}";
        }
    }
}
