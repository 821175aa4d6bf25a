using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Infrastructure.Persistence;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Persistence;

public sealed class MigrationTests(PortalServices portal) : IClassFixture<PortalServices>
{
    [Fact]
    public async Task Migrations_apply_on_an_empty_database_and_leave_nothing_pending()
    {
        Assert.Empty(await portal.Get<DatabaseMigrator>().GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task The_sqlite_model_has_no_changes_missing_from_its_migrations()
    {
        await using var db = await portal.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();

        Assert.IsType<SqlitePortalDbContext>(db);
        Assert.False(db.Database.HasPendingModelChanges(), "Run scripts/add-migration.sh: the model changed without a migration.");
    }

    [Fact]
    public async Task Reference_data_is_seeded_once_with_the_catalogue()
    {
        await portal.Get<DatabaseMigrator>().MigrateAsync();

        await using var db = await portal.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var plans = await db.Plans.AsNoTracking().OrderBy(p => p.SortOrder).ToListAsync();
        Assert.Equal(PlanCatalog.Plans.Select(p => p.Code).Order(), plans.Select(p => p.Code).Order());
        Assert.Equal(28800m, plans.Single(p => p.Code == "new_annual").TotalPrice);
        Assert.Equal(PlanCatalog.QuotaPacks.Count, await db.QuotaPacks.CountAsync());
    }

    [Fact]
    public async Task Every_migration_goes_down_and_up_again_on_a_database_with_data()
    {
        await portal.RegisteredUserAsync();
        await using var db = await portal.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var migrator = db.GetService<IMigrator>();
        var migrations = db.Database.GetMigrations().ToList();

        // Newest first: each step down and back up must work while data sits in the tables.
        for (var i = migrations.Count - 1; i >= 0; i--)
        {
            var previous = i == 0 ? Migration.InitialDatabase : migrations[i - 1];
            await migrator.MigrateAsync(previous);
            await migrator.MigrateAsync(migrations[i]);
            if (i == 0)
            {
                // The first migration's down step empties the database; put the reference data back.
                await portal.Get<DatabaseMigrator>().MigrateAsync();
            }
        }

        await migrator.MigrateAsync(migrations[^1]);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(PlanCatalog.Plans.Count, await db.Plans.CountAsync());
    }
}
