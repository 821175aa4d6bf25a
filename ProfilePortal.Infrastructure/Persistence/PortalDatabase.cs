using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace ProfilePortal.Infrastructure.Persistence;

/// <summary>Provider settings shared by the app and the design-time factories.</summary>
internal static class PortalDatabase
{
    public const string MigrationsHistoryTable = "__EFMigrationsHistory";

    public static void ConfigureSqlite(SqliteDbContextOptionsBuilder sqlite) =>
        sqlite.MigrationsHistoryTable(MigrationsHistoryTable);

    public static void ConfigureSqlServer(SqlServerDbContextOptionsBuilder sqlServer) =>
        sqlServer.MigrationsHistoryTable(MigrationsHistoryTable).EnableRetryOnFailure();
}
