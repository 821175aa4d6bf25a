using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Internal;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Features;
using ProfilePortal.Domain.Quotas;
using ProfilePortal.Infrastructure.Features;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.ScaleOut;

/// <summary>Nodes sharing one distributed cache (Redis in production; one in-memory instance here).</summary>
public sealed class SharedCacheNodes : PortalServices
{
    private MemoryDistributedCache? _shared;

    protected override void ConfigureServices(IServiceCollection services)
    {
        _shared ??= new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions { Clock = new ClockOf(Clock) }));
        services.RemoveAll<IDistributedCache>();
        services.AddSingleton<IDistributedCache>(_shared);
    }
}

/// <summary>Nodes without a distributed cache: each keeps its own in memory, on the test's clock.</summary>
public sealed class SeparateCacheNodes : PortalServices
{
    protected override void ConfigureServices(IServiceCollection services) =>
        services.Configure<MemoryDistributedCacheOptions>(o => o.Clock = new ClockOf(Clock));
}

/// <summary>The memory cache's clock, driven by the test's <see cref="FakeTimeProvider"/>.</summary>
internal sealed class ClockOf(TimeProvider clock) : ISystemClock
{
    public DateTimeOffset UtcNow => clock.GetUtcNow();
}

public sealed class QuotaCacheWithSharedCacheTests(SharedCacheNodes portal) : IClassFixture<SharedCacheNodes>
{
    [Fact]
    public async Task A_change_invalidated_on_one_node_shows_on_the_other_at_once()
    {
        await using var first = portal.BuildInstance();
        await using var second = portal.BuildInstance();
        var organizationId = await CacheScenario.OrganizationAsync(portal);
        Assert.Equal(50, (await second.GetRequiredService<QuotaService>().GetSnapshotAsync(organizationId))!.Limit);

        await CacheScenario.GrantAsync(portal, organizationId, 25);
        await first.GetRequiredService<QuotaService>().InvalidateAsync(organizationId);

        Assert.Equal(75, (await second.GetRequiredService<QuotaService>().GetSnapshotAsync(organizationId))!.Limit);
    }

    [Fact]
    public async Task A_snapshot_computed_on_one_node_is_served_to_the_other_without_the_database()
    {
        await using var first = portal.BuildInstance();
        await using var second = portal.BuildInstance();
        var organizationId = await CacheScenario.OrganizationAsync(portal);
        var computed = await first.GetRequiredService<QuotaService>().GetSnapshotAsync(organizationId);

        // Not invalidated: the other node still serves what is cached, within the cache duration.
        await CacheScenario.GrantAsync(portal, organizationId, 25);

        Assert.Equal(computed, await second.GetRequiredService<QuotaService>().GetSnapshotAsync(organizationId));
    }
}

public sealed class QuotaCacheWithoutSharedCacheTests(SeparateCacheNodes portal) : IClassFixture<SeparateCacheNodes>
{
    [Fact]
    public async Task Another_node_sees_a_change_within_the_snapshot_cache_duration()
    {
        await using var first = portal.BuildInstance();
        await using var second = portal.BuildInstance();
        var organizationId = await CacheScenario.OrganizationAsync(portal);
        var duration = portal.Get<IOptions<QuotaOptions>>().Value.SnapshotCacheDuration;
        await second.GetRequiredService<QuotaService>().GetSnapshotAsync(organizationId);

        await CacheScenario.GrantAsync(portal, organizationId, 25);
        await first.GetRequiredService<QuotaService>().InvalidateAsync(organizationId);

        Assert.Equal(75, (await first.GetRequiredService<QuotaService>().GetSnapshotAsync(organizationId))!.Limit);
        Assert.Equal(50, (await second.GetRequiredService<QuotaService>().GetSnapshotAsync(organizationId))!.Limit);
        portal.Clock.Advance(duration);
        Assert.Equal(75, (await second.GetRequiredService<QuotaService>().GetSnapshotAsync(organizationId))!.Limit);
    }
}

/// <summary>Feature overrides live in the database; each node re-reads them every few seconds.</summary>
public sealed class FeatureOverridesAcrossNodesTests(PortalServices portal) : IClassFixture<PortalServices>
{
    [Fact]
    public async Task An_override_set_on_one_node_applies_there_at_once_and_on_the_other_within_its_refresh()
    {
        await using var first = portal.BuildInstance();
        await using var second = portal.BuildInstance();
        var user = await portal.RegisteredUserAsync();
        Assert.True(await second.GetRequiredService<IFeatureGate>().IsEnabledForAsync(FeatureNames.Trials, user.Id));

        var set = await first.GetRequiredService<FeatureSettings>().SetOverrideAsync(FeatureNames.Trials, enabled: false, rolloutPercentage: null, "admin");

        Assert.True(set.Succeeded);
        Assert.False(await first.GetRequiredService<IFeatureGate>().IsEnabledForAsync(FeatureNames.Trials, user.Id));
        Assert.True(await second.GetRequiredService<IFeatureGate>().IsEnabledForAsync(FeatureNames.Trials, user.Id));
        portal.Clock.Advance(FeatureOverrideCache.Lifetime);
        Assert.False(await second.GetRequiredService<IFeatureGate>().IsEnabledForAsync(FeatureNames.Trials, user.Id));
    }
}

internal static class CacheScenario
{
    public static async Task<Guid> OrganizationAsync(PortalServices portal)
    {
        var user = await portal.RegisteredUserAsync();
        return await portal.PersonalOrganizationAsync(user.Id);
    }

    /// <summary>An admin's grant for the current period, as stored (the caller plays the node that drops the cache).</summary>
    public static async Task GrantAsync(PortalServices portal, Guid organizationId, int launches)
    {
        var now = portal.Clock.GetUtcNow();
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        db.QuotaGrants.Add(QuotaGrant.ByAdmin(organizationId, launches, "Scale-out test", Guid.NewGuid(), QuotaPeriod.CalendarMonth(now), now));
        await db.SaveChangesAsync();
    }
}
