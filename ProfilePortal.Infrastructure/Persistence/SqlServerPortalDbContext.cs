using Microsoft.EntityFrameworkCore;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Domain.Organizations;

namespace ProfilePortal.Infrastructure.Persistence;

/// <summary>The production database. Migrations: Persistence/Migrations/SqlServer.</summary>
public sealed class SqlServerPortalDbContext(DbContextOptions<SqlServerPortalDbContext> options) : PortalDbContext(options)
{
    /// <summary>Ordinal comparison for the search keys, as SQLite's default: a prefix is then an exact index range (ADR-015).</summary>
    public const string SearchKeyCollation = "Latin1_General_100_BIN2";

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<ApplicationUser>(user =>
        {
            user.Property(u => u.NormalizedFirstName).UseCollation(SearchKeyCollation);
            user.Property(u => u.NormalizedLastName).UseCollation(SearchKeyCollation);
            user.Property(u => u.NormalizedCompany).UseCollation(SearchKeyCollation);
        });
        builder.Entity<Organization>().Property(o => o.NormalizedName).UseCollation(SearchKeyCollation);
    }
}
