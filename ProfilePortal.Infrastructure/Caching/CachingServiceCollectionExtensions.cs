using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ProfilePortal.Infrastructure.Health;

namespace ProfilePortal.Infrastructure.Caching;

public static class CachingServiceCollectionExtensions
{
    /// <summary>The connection string's name: <c>ConnectionStrings:Redis</c> (<c>ConnectionStrings__Redis</c>).</summary>
    public const string RedisConnectionStringName = "Redis";

    /// <summary>The name of the Redis health check on <c>/health/ready</c>.</summary>
    public const string HealthCheckName = "cache";

    /// <summary>Every key the portal writes starts with this, so one Redis can serve other apps too.</summary>
    public const string RedisKeyPrefix = "ProfilePortal:";

    /// <summary>
    /// The <see cref="IDistributedCache"/> the nodes share: Redis when <c>ConnectionStrings:Redis</c> is set, else an
    /// in-process cache per node (one node, or several that accept the staleness bound of ADR-023). Redis is called
    /// through <see cref="ResilientDistributedCache"/> (a timeout and a circuit breaker), and a <c>cache</c> check joins
    /// <c>/health/ready</c>.
    /// </summary>
    public static IServiceCollection AddPortalDistributedCache(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var redis = configuration.GetConnectionString(RedisConnectionStringName);
        if (string.IsNullOrWhiteSpace(redis))
        {
            services.AddDistributedMemoryCache();
            return services;
        }

        // Whatever registered an in-process cache before (the domain's default) gives way to the shared one.
        services.RemoveAll<IDistributedCache>();
        services.AddOptions<RedisCacheOptions>().Configure(o =>
        {
            o.Configuration = redis;
            o.InstanceName = RedisKeyPrefix;
        });
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new ResilientDistributedCache(
            new RedisCache(sp.GetRequiredService<IOptions<RedisCacheOptions>>()),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<ResilientDistributedCache>>()));
        services.AddSingleton<IDistributedCache>(sp => sp.GetRequiredService<ResilientDistributedCache>());
        services.AddHealthChecks().AddCheck<DistributedCacheHealthCheck>(HealthCheckName, tags: [HealthCheckTags.Ready]);
        return services;
    }
}
