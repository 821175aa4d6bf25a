using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Quotas;
using ProfilePortal.Infrastructure.Persistence;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Persistence;

/// <summary>
/// A customer stored by the first release survives every later migration, applied one at a time as successive
/// releases would, and the current release reads it. A class (and database) of its own: it rebuilds the schema.
/// </summary>
public sealed class MigrationDataSurvivalTests(PortalServices portal) : IClassFixture<PortalServices>
{
    private static readonly DateTimeOffset SignedUp = new(2026, 10, 1, 8, 30, 0, TimeSpan.Zero);

    private readonly Guid _userId = Guid.NewGuid();
    private readonly Guid _organizationId = Guid.NewGuid();
    private readonly Guid _subscriptionId = Guid.NewGuid();

    [Fact]
    public async Task Rows_written_at_the_first_migration_survive_each_later_one_and_read_in_the_current_model()
    {
        await using var db = await portal.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var migrator = db.GetService<IMigrator>();
        var migrations = db.Database.GetMigrations().ToList();
        await migrator.MigrateAsync(Migration.InitialDatabase);
        await migrator.MigrateAsync(migrations[0]);
        await InsertFirstReleaseCustomerAsync(db);

        foreach (var migration in migrations.Skip(1))
        {
            await migrator.MigrateAsync(migration);

            Assert.Equal(["anna@example.com"], await db.Database.SqlQuery<string>($"SELECT Email AS Value FROM AspNetUsers").ToListAsync());
            Assert.Equal(["Anna's company"], await db.Database.SqlQuery<string>($"SELECT Name AS Value FROM Organizations").ToListAsync());
            Assert.Equal(1, await db.Database.SqlQuery<int>($"SELECT count(*) AS Value FROM Memberships").SingleAsync());
            Assert.Equal(["Active"], await db.Database.SqlQuery<string>($"SELECT Status AS Value FROM Subscriptions").ToListAsync());
        }

        await portal.Get<DatabaseMigrator>().MigrateAsync();
        Assert.Null(await portal.Get<DatabaseUpgrade>().VerifyAsync());
        await using var current = await portal.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var user = await current.Users.AsNoTracking().SingleAsync(u => u.Id == _userId);
        Assert.Equal(("Anna", "Ivanova", SearchKey.Normalize("Anna")), (user.FirstName, user.LastName, user.NormalizedFirstName));
        Assert.Equal(SignedUp, user.CreatedAt);
        var subscription = await current.Subscriptions.AsNoTracking().Include(s => s.Plan).SingleAsync(s => s.Id == _subscriptionId);
        Assert.Equal((Plan.FreeCode, SubscriptionStatus.Active), (subscription.Plan!.Code, subscription.Status));
        var quota = await portal.Get<QuotaService>().GetFreshSnapshotAsync(_organizationId);
        Assert.Equal(50, quota?.Limit);
    }

    // The first release's columns, written as that release's EF model stored them (SQLite: dates as binary longs).
    private async Task InsertFirstReleaseCustomerAsync(PortalDbContext db)
    {
        var at = (long)new DateTimeOffsetToBinaryConverter().ConvertToProvider(SignedUp)!;
        var user = Text(_userId);
        var organization = Text(_organizationId);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO Plans (Code, Name, Generation, IsActive, DurationMonths, PricePerMonth, TotalPrice, Currency, MonthlyLaunchAllowance, SortOrder)
            VALUES ({Plan.FreeCode}, 'Free', 'Free', 1, 1, '0.0', '0.0', 'RUB', NULL, 0)
            """);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO AspNetUsers (Id, FirstName, LastName, Company, PreferredLanguage, CreatedAt, TrialUsed, UserName, NormalizedUserName,
                Email, NormalizedEmail, EmailConfirmed, SecurityStamp, ConcurrencyStamp, PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount)
            VALUES ({user}, 'Anna', 'Ivanova', 'Acme', 'ru', {at}, 0, 'anna@example.com', 'ANNA@EXAMPLE.COM',
                'anna@example.com', 'ANNA@EXAMPLE.COM', 1, 'STAMP', 'CONCURRENCY', 0, 0, 1, 0)
            """);
        await db.Database.ExecuteSqlAsync($"INSERT INTO Organizations (Id, Name, IsPersonal, CreatedAt) VALUES ({organization}, 'Anna''s company', 1, {at})");
        await db.Database.ExecuteSqlAsync($"INSERT INTO Memberships (OrganizationId, UserId, Role, JoinedAt) VALUES ({organization}, {user}, 'Owner', {at})");
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO Subscriptions (Id, OrganizationId, PlanCode, Status, CurrentPeriodStart, CancelAtPeriodEnd, CreatedAt, Version)
            VALUES ({Text(_subscriptionId)}, {organization}, {Plan.FreeCode}, 'Active', {at}, 0, {at}, {Text(Guid.NewGuid())})
            """);
    }

    // EF's SQLite provider stores a Guid as upper-case text.
    private static string Text(Guid id) => id.ToString().ToUpperInvariant();
}
