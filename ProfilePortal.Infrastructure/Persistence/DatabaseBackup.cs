using System.Globalization;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ProfilePortal.Infrastructure.Persistence;

/// <summary>A backup the <c>migrate</c> command took, and how to put it back.</summary>
public sealed record DatabaseBackupResult(string Path, string RollbackInstructions);

/// <summary>The backup could not be taken; nothing was changed.</summary>
public sealed class DatabaseBackupException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// A consistent copy of the app's database before a migration. SQLite: SQLite's online backup API into a file of
/// its own (a raw copy of a live file can miss what is still in the write-ahead log). SQL Server: a
/// <c>COPY_ONLY</c> full backup, so the regular backup chain is not disturbed; the path is on the server's machine.
/// </summary>
public sealed class DatabaseBackup(IOptions<DatabaseOptions> options, IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>Backs up to <paramref name="directory"/> (or the configured or default folder).</summary>
    /// <exception cref="DatabaseBackupException">The backup could not be written.</exception>
    public async Task<DatabaseBackupResult> BackupAsync(string? directory = null, CancellationToken cancellationToken = default)
    {
        var stamp = clock.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        return options.Value.Provider switch
        {
            DatabaseProvider.Sqlite => BackupSqlite(directory ?? options.Value.BackupDirectory, stamp),
            DatabaseProvider.SqlServer => await BackupSqlServerAsync(directory ?? options.Value.BackupDirectory, stamp, cancellationToken),
            _ => throw new InvalidOperationException($"Unknown database provider {options.Value.Provider}."),
        };
    }

    /// <summary>
    /// SQLite only: puts the backup in <paramref name="backupFile"/> back in place of the app's database, after
    /// keeping a copy of the current one (returned). Every node must be stopped first.
    /// </summary>
    public string RestoreSqlite(string backupFile)
    {
        if (options.Value.Provider != DatabaseProvider.Sqlite)
        {
            throw new DatabaseBackupException("The restore command is for SQLite; on SQL Server use RESTORE DATABASE (docs/operations.md).");
        }

        if (!File.Exists(backupFile))
        {
            throw new DatabaseBackupException($"No such file: {backupFile}");
        }

        using var source = Open(backupFile, SqliteOpenMode.ReadOnly);
        if (!IsPortalDatabase(source))
        {
            throw new DatabaseBackupException($"{backupFile} is not a backup of this app's database.");
        }

        var current = BackupSqlite(directory: null, clock.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-before-restore");
        using var target = Open(DataSource(), SqliteOpenMode.ReadWriteCreate);
        source.BackupDatabase(target);
        return current.Path;
    }

    /// <summary>The statement that backs a SQL Server database up to a file (on the server's machine).</summary>
    public static string SqlServerBackupStatement(string database, string file) =>
        $"BACKUP DATABASE {Bracket(database)} TO DISK = N'{Quote(file)}' WITH COPY_ONLY, INIT, CHECKSUM, NAME = N'{Quote(database)} before migrate'";

    /// <summary>The statement that puts such a backup back, for the runbook and the command's output.</summary>
    public static string SqlServerRestoreStatement(string database, string file) =>
        $"RESTORE DATABASE {Bracket(database)} FROM DISK = N'{Quote(file)}' WITH REPLACE";

    private DatabaseBackupResult BackupSqlite(string? directory, string stamp)
    {
        var database = DataSource();
        var folder = directory ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(database)) ?? ".", "backups");
        var file = Path.Combine(folder, $"{Path.GetFileNameWithoutExtension(database)}-{stamp}.db");
        var partial = file + ".partial";
        try
        {
            Directory.CreateDirectory(folder);
            // Read-write although it only reads: a read-only connection to a WAL database needs its -shm file to exist.
            using (var source = Open(database, SqliteOpenMode.ReadWrite))
            using (var target = Open(partial, SqliteOpenMode.ReadWriteCreate))
            {
                source.BackupDatabase(target);
            }

            // Only a finished copy gets the final name, so a file named like a backup is always a whole one.
            File.Move(partial, file, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SqliteException)
        {
            TryDelete(partial);
            throw new DatabaseBackupException($"Could not write the backup to {folder}: {e.Message}", e);
        }

        return new(file, $"Stop every node, then run: restore --from \"{file}\"");
    }

    private async Task<DatabaseBackupResult> BackupSqlServerAsync(string? directory, string stamp, CancellationToken cancellationToken)
    {
        var database = new SqlConnectionStringBuilder(options.Value.ConnectionString).InitialCatalog;
        var file = SqlServerBackupFile(directory, database, stamp);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
            await db.Database.ExecuteSqlRawAsync(SqlServerBackupStatement(database, file), cancellationToken);
        }
        catch (SqlException e)
        {
            throw new DatabaseBackupException($"SQL Server could not back up {database} to {file}: {e.Message}", e);
        }

        return new(file, $"Stop every node, then run on the server: {SqlServerRestoreStatement(database, file)}");
    }

    /// <summary>
    /// The backup's path on the database server's machine, whose separator the folder shows (a Linux container or
    /// Windows); no folder means just a name, which SQL Server puts in its default backup folder.
    /// </summary>
    internal static string SqlServerBackupFile(string? directory, string database, string stamp)
    {
        var name = $"{database}-{stamp}.bak";
        return string.IsNullOrEmpty(directory)
            ? name
            : directory.TrimEnd('/', '\\') + (directory.Contains('\\', StringComparison.Ordinal) ? "\\" : "/") + name;
    }

    private string DataSource() => new SqliteConnectionStringBuilder(options.Value.ConnectionString).DataSource;

    private static SqliteConnection Open(string file, SqliteOpenMode mode)
    {
        // No pooling: the file is released as soon as the copy is done.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = mode, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static bool IsPortalDatabase(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{PortalDatabase.MigrationsHistoryTable}'";
        try
        {
            return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) == 1;
        }
        catch (SqliteException)
        {
            return false;
        }
    }

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The folder itself is the problem; the message already says so.
        }
    }

    private static string Bracket(string name) => $"[{name.Replace("]", "]]", StringComparison.Ordinal)}]";

    private static string Quote(string text) => text.Replace("'", "''", StringComparison.Ordinal);
}
