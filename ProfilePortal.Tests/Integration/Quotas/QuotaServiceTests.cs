using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Organizations;
using ProfilePortal.Domain.Quotas;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Quotas;

public sealed class QuotaServiceTests(PortalServices portal) : IClassFixture<PortalServices>
{
    [Fact]
    public async Task Free_quota_counts_the_launches_of_this_calendar_month_only()
    {
        var organizationId = await NewOrganizationAsync();
        var now = portal.Clock.GetUtcNow();
        await RecordAsync(organizationId, launches: 1, at: now.AddHours(-1));
        await RecordAsync(organizationId, launches: 1, at: now.AddHours(-2));
        await RecordAsync(organizationId, launches: 0, at: now.AddHours(-3), UsageEventKind.DatasetUpload);
        await RecordAsync(organizationId, launches: 1, at: QuotaPeriod.CalendarMonth(now).Start.AddTicks(-1));

        var snapshot = await portal.Get<QuotaService>().GetSnapshotAsync(organizationId);

        Assert.NotNull(snapshot);
        Assert.Equal(50, snapshot.Limit);
        Assert.Equal(2, snapshot.Used);
        Assert.Equal(48, snapshot.Available);
        Assert.Equal(QuotaPeriod.CalendarMonth(now).End, snapshot.ResetsAt);
        Assert.Equal(QuotaLevel.Ok, snapshot.Level);
    }

    [Fact]
    public async Task Admin_grants_and_packs_of_the_period_raise_the_limit()
    {
        var organizationId = await NewOrganizationAsync();
        var now = portal.Clock.GetUtcNow();
        var period = QuotaPeriod.CalendarMonth(now);
        var lastMonth = QuotaPeriod.CalendarMonth(period.Start.AddDays(-1));
        await using (var db = await portal.Get<IPortalDbContextFactory>().CreateAsync())
        {
            db.QuotaGrants.Add(QuotaGrant.ByAdmin(organizationId, 25, "Conference demo", Guid.NewGuid(), period, now));
            db.QuotaGrants.Add(QuotaGrant.FromPack(organizationId, "starter", 10, Guid.NewGuid(), period, now));
            db.QuotaGrants.Add(QuotaGrant.ByAdmin(organizationId, 1000, "Expired", Guid.NewGuid(), lastMonth, lastMonth.Start));
            await db.SaveChangesAsync();
        }

        var snapshot = await portal.Get<QuotaService>().GetSnapshotAsync(organizationId);

        Assert.Equal((50, 25, 10, 85), (snapshot!.PlanAllowance, snapshot.Granted, snapshot.Purchased, snapshot.Limit));
    }

    [Fact]
    public async Task A_snapshot_is_served_from_cache_until_invalidated()
    {
        var organizationId = await NewOrganizationAsync();
        var quotas = portal.Get<QuotaService>();
        var first = await quotas.GetSnapshotAsync(organizationId);
        await RecordAsync(organizationId, launches: 1, at: portal.Clock.GetUtcNow());

        var cached = await quotas.GetSnapshotAsync(organizationId);
        await quotas.InvalidateAsync(organizationId);
        var fresh = await quotas.GetSnapshotAsync(organizationId);

        Assert.Equal(first, cached);
        Assert.Equal(1, fresh!.Used);
    }

    [Fact]
    public async Task An_exhausted_quota_says_so()
    {
        var organizationId = await NewOrganizationAsync();
        for (var i = 0; i < 50; i++)
        {
            await RecordAsync(organizationId, launches: 1, at: portal.Clock.GetUtcNow().AddMinutes(-i));
        }

        var snapshot = await portal.Get<QuotaService>().GetSnapshotAsync(organizationId);

        Assert.Equal((0, QuotaLevel.Exhausted), (snapshot!.Available, snapshot.Level));
    }

    [Fact]
    public async Task An_unknown_organization_has_no_snapshot() =>
        Assert.Null(await portal.Get<QuotaService>().GetSnapshotAsync(Guid.NewGuid()));

    private async Task<Guid> NewOrganizationAsync()
    {
        var user = await portal.RegisteredUserAsync();
        return (await portal.Get<OrganizationAccess>().GetMembershipsAsync(user.Id)).Single().OrganizationId;
    }

    private async Task RecordAsync(Guid organizationId, int launches, DateTimeOffset at, UsageEventKind kind = UsageEventKind.TrainingRun)
    {
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        db.UsageEvents.Add(UsageEvent.Record(organizationId, null, kind, "run", launches, at));
        await db.SaveChangesAsync();
    }
}
