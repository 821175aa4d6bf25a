using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ProfilePortal.Domain.Quotas;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.ScaleOut;

/// <summary>Nodes whose distributed cache is down (Redis unreachable).</summary>
public sealed class FailingCacheNodes : PortalServices
{
    protected override void ConfigureServices(IServiceCollection services)
    {
        services.RemoveAll<IDistributedCache>();
        services.AddSingleton<IDistributedCache, FailingCache>();
    }
}

/// <summary>A distributed cache that throws on every call, as a client does when Redis does not answer.</summary>
internal sealed class FailingCache : IDistributedCache
{
    public byte[]? Get(string key) => throw Down();

    public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => throw Down();

    public void Refresh(string key) => throw Down();

    public Task RefreshAsync(string key, CancellationToken token = default) => throw Down();

    public void Remove(string key) => throw Down();

    public Task RemoveAsync(string key, CancellationToken token = default) => throw Down();

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => throw Down();

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) => throw Down();

    private static InvalidOperationException Down() => new("The cache server does not answer.");
}

public sealed class QuotaCacheOutageTests(FailingCacheNodes portal) : IClassFixture<FailingCacheNodes>
{
    [Fact]
    public async Task With_the_cache_down_quotas_come_from_the_database_and_a_change_still_saves()
    {
        var organizationId = await CacheScenario.OrganizationAsync(portal);
        var quotas = portal.Get<QuotaService>();
        Assert.Equal(50, (await quotas.GetSnapshotAsync(organizationId))!.Limit);

        await CacheScenario.GrantAsync(portal, organizationId, 25);
        await quotas.InvalidateAsync(organizationId);

        Assert.Equal(75, (await quotas.GetSnapshotAsync(organizationId))!.Limit);
    }
}
