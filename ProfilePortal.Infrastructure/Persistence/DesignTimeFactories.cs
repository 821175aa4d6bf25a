using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ProfilePortal.Infrastructure.Persistence;

// Used by `dotnet ef` only. Neither opens a connection: SQL Server migrations are generated without a server.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqlitePortalDbContext>
{
    public SqlitePortalDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlitePortalDbContext>()
            .UseSqlite("Data Source=design-time.db", PortalDatabase.ConfigureSqlite)
            .Options);
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerPortalDbContext>
{
    public SqlServerPortalDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerPortalDbContext>()
            .UseSqlServer("Server=design-time;Database=ProfilePortal;Trusted_Connection=True", PortalDatabase.ConfigureSqlServer)
            .Options);
}
