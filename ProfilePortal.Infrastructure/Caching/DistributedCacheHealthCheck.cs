using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ProfilePortal.Infrastructure.Caching;

/// <summary>
/// Redis on <c>/health/ready</c>: <c>Degraded</c>, not unhealthy, when it does not answer, because the quota service
/// then reads the database and pages keep working (ADR-023).
/// </summary>
internal sealed class DistributedCacheHealthCheck(ResilientDistributedCache cache) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await cache.GetAsync("health", cancellationToken);
            if (cache.IsBroken)
            {
                return HealthCheckResult.Degraded("The distributed cache failed and is left alone for a while; quotas are read from the database.");
            }

            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Degraded("The distributed cache does not answer; quotas are read from the database.", e);
        }
    }
}
