using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Domain.Quotas;
using ProfilePortal.Infrastructure.Identity;
using ProfilePortal.Infrastructure.Persistence;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Persistence;

/// <summary>
/// The Development demo data (customers, organizations, a paid subscription, usage) through a rollback of every
/// migration but the first and a migration back up, as a release rolled back and deployed again would see it.
/// A class (and database) of its own: it rebuilds the schema.
/// </summary>
public sealed class MigrationDemoDataTests(PortalServices portal) : IClassFixture<PortalServices>
{
    [Fact]
    public async Task The_demo_customers_survive_the_migrations_going_down_to_the_first_and_up_again()
    {
        // As a Development start does: the admin role first, then the demo data.
        await portal.InScopeAsync(async s =>
        {
            await s.GetRequiredService<AdminBootstrapper>().EnsureAdminAsync();
            await s.GetRequiredService<DemoDataSeeder>().SeedAsync();
            return true;
        });
        var before = await CustomersAsync();
        await using var db = await portal.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var migrations = db.Database.GetMigrations().ToList();
        var migrator = db.GetService<IMigrator>();

        // One step at a time, as each release's rollback would.
        for (var i = migrations.Count - 2; i >= 0; i--)
        {
            await migrator.MigrateAsync(migrations[i]);
        }

        await portal.Get<DatabaseUpgrade>().RunAsync(new MigrateRequest(Backup: false), TextWriter.Null);

        Assert.Equal(before, await CustomersAsync());
        var anna = before.Single(c => c.Email == DemoDataSeeder.Customers[0].Email);
        Assert.NotNull(await portal.Get<QuotaService>().GetFreshSnapshotAsync(anna.OrganizationId));
    }

    private async Task<List<(string Email, string? FirstName, Guid OrganizationId, string Plan)>> CustomersAsync()
    {
        await using var db = await portal.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var rows = await (
            from user in db.Users
            join membership in db.Memberships on user.Id equals membership.UserId
            join subscription in db.Subscriptions on membership.OrganizationId equals subscription.OrganizationId
            orderby user.Email
            select new { user.Email, user.FirstName, membership.OrganizationId, subscription.PlanCode })
            .AsNoTracking()
            .ToListAsync();
        Assert.NotEmpty(rows);
        return [.. rows.Select(r => (r.Email!, r.FirstName, r.OrganizationId, r.PlanCode))];
    }
}
