using Microsoft.EntityFrameworkCore;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Features;

namespace ProfilePortal.Infrastructure.Features;

/// <summary>
/// The override rows, read at most every few seconds: flags are evaluated on every render, and other nodes
/// pick up an admin's change within <see cref="Lifetime"/>. A change on this node is seen at once.
/// </summary>
internal sealed class FeatureOverrideCache(IPortalDbContextFactory dbFactory, TimeProvider clock) : IFeatureOverrideCache, IDisposable
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private Snapshot? _snapshot;

    public void Invalidate() => _snapshot = null;

    public void Dispose() => _refresh.Dispose();

    public async Task<IReadOnlyDictionary<string, FeatureOverride>> GetAsync(CancellationToken cancellationToken = default)
    {
        var current = _snapshot;
        if (current is not null && clock.GetUtcNow() < current.ExpiresAt)
        {
            return current.Overrides;
        }

        await _refresh.WaitAsync(cancellationToken);
        try
        {
            current = _snapshot;
            if (current is not null && clock.GetUtcNow() < current.ExpiresAt)
            {
                return current.Overrides;
            }

            await using var db = await dbFactory.CreateAsync(cancellationToken);
            var rows = await db.FeatureOverrides.AsNoTracking().ToDictionaryAsync(f => f.FeatureName, StringComparer.OrdinalIgnoreCase, cancellationToken);
            _snapshot = new Snapshot(rows, clock.GetUtcNow() + Lifetime);
            return rows;
        }
        finally
        {
            _refresh.Release();
        }
    }

    private sealed record Snapshot(IReadOnlyDictionary<string, FeatureOverride> Overrides, DateTimeOffset ExpiresAt);
}
