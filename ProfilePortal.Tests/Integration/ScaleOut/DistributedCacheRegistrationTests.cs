using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ProfilePortal.Domain;
using ProfilePortal.Infrastructure.Caching;

namespace ProfilePortal.Tests.Integration.ScaleOut;

/// <summary>Which cache the nodes get, read from the container without connecting to anything.</summary>
public sealed class DistributedCacheRegistrationTests
{
    [Fact]
    public void Without_a_redis_connection_string_each_node_caches_in_its_own_memory()
    {
        using var services = Build(new());

        Assert.IsType<MemoryDistributedCache>(services.GetRequiredService<IDistributedCache>());
        Assert.DoesNotContain(
            services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations,
            r => r.Name == CachingServiceCollectionExtensions.HealthCheckName);
    }

    [Fact]
    public void With_a_redis_connection_string_every_node_shares_redis_under_the_portal_prefix()
    {
        using var services = Build(new() { ["ConnectionStrings:Redis"] = "redis.invalid:6379,abortConnect=false" });

        Assert.IsNotType<MemoryDistributedCache>(services.GetRequiredService<IDistributedCache>());
        Assert.IsType<ResilientDistributedCache>(services.GetRequiredService<IDistributedCache>());
        var redis = services.GetRequiredService<IOptions<RedisCacheOptions>>().Value;
        Assert.Equal(("redis.invalid:6379,abortConnect=false", "ProfilePortal:"), (redis.Configuration, redis.InstanceName));
        Assert.Single(
            services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations,
            r => r.Name == CachingServiceCollectionExtensions.HealthCheckName);
    }

    [Fact]
    public async Task A_cache_that_does_not_answer_makes_readiness_degraded_not_unhealthy()
    {
        using var cache = new ResilientDistributedCache(new FailingCache(), TimeProvider.System, NullLogger<ResilientDistributedCache>.Instance);

        var result = await new DistributedCacheHealthCheck(cache).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Degraded, result.Status);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(NullLoggerProvider.Instance));
        // The domain registers the in-process default first, as the app does.
        services.AddDomain();
        services.AddPortalDistributedCache(configuration);
        return services.BuildServiceProvider();
    }
}
