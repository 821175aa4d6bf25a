using Microsoft.EntityFrameworkCore;

namespace ProfilePortal.Infrastructure.Persistence;

/// <summary>The production database. Migrations: Persistence/Migrations/SqlServer.</summary>
public sealed class SqlServerPortalDbContext(DbContextOptions<SqlServerPortalDbContext> options) : PortalDbContext(options);
