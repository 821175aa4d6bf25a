using System.ComponentModel.DataAnnotations;

namespace ProfilePortal.Infrastructure.Persistence;

public enum DatabaseProvider
{
    Sqlite = 0,
    SqlServer = 1,
}

/// <summary>The <c>Database</c> section. The connection string comes from <c>ConnectionStrings:Portal</c> or <c>DATABASE_URL</c>.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>The resolved connection string; filled in from configuration at start-up.</summary>
    [Required(ErrorMessage = "Set ConnectionStrings:Portal or DATABASE_URL.")]
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>Apply pending migrations when the app starts. On in Development; production runs the <c>migrate</c> command.</summary>
    public bool MigrateOnStartup { get; set; }

    /// <summary>Fill an empty database with demo customers and an admin (Development only).</summary>
    public bool SeedDemoData { get; set; }

    /// <summary>
    /// Where the <c>migrate</c> command writes its backup. SQLite: a folder on this machine, by default <c>backups</c>
    /// next to the database file. SQL Server: a folder on the database server's machine, by default the server's own
    /// backup folder.
    /// </summary>
    public string? BackupDirectory { get; set; }
}
