using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using ProfilePortal.Infrastructure.Persistence;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Persistence;

/// <summary>The <c>migrate</c> command's backup, verification and rollback on a real SQLite file.</summary>
public sealed class DatabaseUpgradeTests(PortalServices portal) : IClassFixture<PortalServices>, IDisposable
{
    private readonly TemporaryDirectory _backups = new();

    [Fact]
    public async Task Pending_migrations_are_backed_up_first_and_the_backup_holds_the_data_before_them()
    {
        var (email, previous) = await OneMigrationBehindWithAUserAsync();
        var output = new StringWriter();

        var ok = await portal.Get<DatabaseUpgrade>().RunAsync(new MigrateRequest(BackupDirectory: _backups.Path), output);

        Assert.True(ok, output.ToString());
        var backup = Assert.Single(Directory.GetFiles(_backups.Path));
        Assert.Contains($"Backup: {backup}", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("Verified: no pending migrations", output.ToString(), StringComparison.Ordinal);
        Assert.Contains($"restore --from \"{backup}\"", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(previous, Scalar(backup, "SELECT MigrationId FROM __EFMigrationsHistory ORDER BY MigrationId DESC LIMIT 1"));
        Assert.Equal(1L, Scalar(backup, $"SELECT count(*) FROM AspNetUsers WHERE Email = '{email}'"));
        Assert.Equal("ok", Scalar(backup, "PRAGMA integrity_check"));
        Assert.Empty(await portal.Get<DatabaseMigrator>().GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task Restoring_the_backup_brings_back_the_data_and_the_schema_it_was_taken_at()
    {
        var (email, _) = await OneMigrationBehindWithAUserAsync();
        await portal.Get<DatabaseUpgrade>().RunAsync(new MigrateRequest(BackupDirectory: _backups.Path), TextWriter.Null);
        var backup = Assert.Single(Directory.GetFiles(_backups.Path));
        await DeleteUserAsync(email);

        var previous = portal.Get<DatabaseBackup>().RestoreSqlite(backup);

        Assert.True(File.Exists(previous));
        await using var db = await portal.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.Database.SqlQuery<int>($"SELECT count(*) AS Value FROM AspNetUsers WHERE Email = {email}").SingleAsync());
        Assert.Single(await portal.Get<DatabaseMigrator>().GetPendingMigrationsAsync());
        await portal.Get<DatabaseMigrator>().MigrateAsync();
    }

    [Fact]
    public async Task A_backup_that_cannot_be_written_stops_the_migration_and_changes_nothing()
    {
        await OneMigrationBehindWithAUserAsync();
        var blocker = Path.Combine(_backups.Path, "a-file");
        await File.WriteAllTextAsync(blocker, "not a folder");
        var output = new StringWriter();

        var ok = await portal.Get<DatabaseUpgrade>().RunAsync(new MigrateRequest(BackupDirectory: Path.Combine(blocker, "backups")), output);

        Assert.False(ok);
        Assert.Contains("Backup failed, nothing was migrated", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("--no-backup", output.ToString(), StringComparison.Ordinal);
        Assert.Single(await portal.Get<DatabaseMigrator>().GetPendingMigrationsAsync());
        await portal.Get<DatabaseMigrator>().MigrateAsync();
    }

    [Fact]
    public async Task A_migration_that_fails_half_way_prints_the_way_back_to_the_backup()
    {
        var (_, previous) = await OneMigrationBehindWithAUserAsync();
        using var clean = new TemporaryDirectory();
        var beforeTheTest = await portal.Get<DatabaseBackup>().BackupAsync(clean.Path);
        await ApplyFirstStatementOfTheNewestMigrationByHandAsync(previous);
        var output = new StringWriter();

        var ok = await portal.Get<DatabaseUpgrade>().RunAsync(new MigrateRequest(BackupDirectory: _backups.Path), output);

        Assert.False(ok);
        var backup = Assert.Single(Directory.GetFiles(_backups.Path));
        Assert.Contains("Migration failed: ", output.ToString(), StringComparison.Ordinal);
        Assert.Contains($"To roll back: Stop every node, then run: restore --from \"{backup}\"", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Verified", output.ToString(), StringComparison.Ordinal);
        Assert.Single(await portal.Get<DatabaseMigrator>().GetPendingMigrationsAsync());
        portal.Get<DatabaseBackup>().RestoreSqlite(beforeTheTest.Path);
        await portal.Get<DatabaseMigrator>().MigrateAsync();
    }

    [Fact]
    public async Task With_nothing_pending_no_backup_is_taken_and_the_database_is_verified()
    {
        await portal.Get<DatabaseMigrator>().MigrateAsync();
        var output = new StringWriter();

        var ok = await portal.Get<DatabaseUpgrade>().RunAsync(new MigrateRequest(BackupDirectory: _backups.Path), output);

        Assert.True(ok);
        Assert.Empty(Directory.GetFiles(_backups.Path));
        Assert.Contains("No pending migrations: no backup taken.", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_backup_skips_the_copy_but_still_migrates_and_verifies()
    {
        await OneMigrationBehindWithAUserAsync();
        var output = new StringWriter();

        var ok = await portal.Get<DatabaseUpgrade>().RunAsync(new MigrateRequest(Backup: false, BackupDirectory: _backups.Path), output);

        Assert.True(ok);
        Assert.Empty(Directory.GetFiles(_backups.Path));
        Assert.Contains("backup skipped (--no-backup)", output.ToString(), StringComparison.Ordinal);
        Assert.Empty(await portal.Get<DatabaseMigrator>().GetPendingMigrationsAsync());
    }

    [Fact]
    public void The_sql_server_backup_is_a_copy_only_full_backup_with_quoted_names()
    {
        Assert.Equal(
            "BACKUP DATABASE [Portal]]x] TO DISK = N'/var/opt/mssql/backup/it''s.bak' WITH COPY_ONLY, INIT, CHECKSUM, NAME = N'Portal]x before migrate'",
            DatabaseBackup.SqlServerBackupStatement("Portal]x", "/var/opt/mssql/backup/it's.bak"));
        Assert.Equal(
            "RESTORE DATABASE [Portal] FROM DISK = N'/backup/p.bak' WITH REPLACE",
            DatabaseBackup.SqlServerRestoreStatement("Portal", "/backup/p.bak"));
    }

    [Theory]
    [InlineData(null, "Portal-20261124-050000.bak")]
    [InlineData("/var/opt/mssql/backup/", "/var/opt/mssql/backup/Portal-20261124-050000.bak")]
    [InlineData(@"D:\Backups", @"D:\Backups\Portal-20261124-050000.bak")]
    public void The_sql_server_backup_goes_to_the_folder_with_its_own_separator_or_to_the_server_default(string? directory, string expected)
    {
        Assert.Equal(expected, DatabaseBackup.SqlServerBackupFile(directory, "Portal", "20261124-050000"));
    }

    [Theory]
    [InlineData(new[] { "migrate" }, true, null)]
    [InlineData(new[] { "migrate", "--no-backup" }, false, null)]
    [InlineData(new[] { "migrate", "--backup-dir", "/srv/backups", "--Database:Provider=SqlServer" }, true, "/srv/backups")]
    public void The_migrate_command_reads_its_flags(string[] args, bool backup, string? directory)
    {
        Assert.Equal(new MigrateRequest(backup, directory), StartupCommands.ParseMigrate(args));
    }

    [Fact]
    public void A_backup_dir_without_a_folder_is_refused()
    {
        Assert.Null(StartupCommands.ParseMigrate(["migrate", "--backup-dir"]));
    }

    public void Dispose() => _backups.Dispose();

    /// <summary>The database with a user in it, and the newest migration undone, as a release behind this one.</summary>
    private async Task<(string Email, string Previous)> OneMigrationBehindWithAUserAsync()
    {
        await portal.Get<DatabaseMigrator>().MigrateAsync();
        var user = await portal.RegisteredUserAsync();
        await using var db = await portal.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var migrations = db.Database.GetMigrations().ToList();
        await db.GetService<IMigrator>().MigrateAsync(migrations[^2]);
        return (user.Email!, migrations[^2]);
    }

    /// <summary>
    /// Runs the newest migration's first schema statement outside the migrator, as a half-applied earlier attempt
    /// would have left it, so that the migration itself then fails on it.
    /// </summary>
    private async Task ApplyFirstStatementOfTheNewestMigrationByHandAsync(string previous)
    {
        await using var db = await portal.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var script = db.GetService<IMigrator>().GenerateScript(previous, db.Database.GetMigrations().Last());
        var statement = script
            .Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .First(s => (s.StartsWith("ALTER TABLE", StringComparison.Ordinal) || s.StartsWith("CREATE", StringComparison.Ordinal))
                && !s.Contains("__EFMigrations", StringComparison.Ordinal));
        await db.Database.ExecuteSqlRawAsync(statement);
    }

    private async Task DeleteUserAsync(string email)
    {
        await using var db = await portal.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        await db.Users.Where(u => u.Email == email).ExecuteDeleteAsync();
    }

    private static object? Scalar(string file, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
