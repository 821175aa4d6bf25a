using Microsoft.EntityFrameworkCore;
using ProfilePortal.Domain.Common;

namespace ProfilePortal.Domain.Features;

/// <summary>A flag's override as the admin pages show it.</summary>
public sealed record FeatureOverrideView(string FeatureName, bool Enabled, int? RolloutPercentage, DateTimeOffset UpdatedAt, string UpdatedBy);

/// <summary>Forgets cached flag overrides so a change is seen at once on this node.</summary>
public interface IFeatureOverrideCache
{
    void Invalidate();
}

/// <summary>
/// Run-time overrides of the configured feature flags, stored in the database so every node sees them.
/// The admin pages call it; the feature definition provider reads the rows.
/// </summary>
public sealed class FeatureSettings(IPortalDbContextFactory dbFactory, IFeatureOverrideCache cache, TimeProvider clock)
{
    public async Task<IReadOnlyList<FeatureOverrideView>> GetOverridesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        return await db.FeatureOverrides.AsNoTracking()
            .OrderBy(f => f.FeatureName)
            .Select(f => new FeatureOverrideView(f.FeatureName, f.Enabled, f.RolloutPercentage, f.UpdatedAt, f.UpdatedBy))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Switches a known flag on or off, optionally for a percentage of users (0–100).</summary>
    public async Task<Result> SetOverrideAsync(string featureName, bool enabled, int? rolloutPercentage, string actor, CancellationToken cancellationToken = default)
    {
        if (!FeatureNames.All.Contains(featureName))
        {
            return Error.Validation(nameof(featureName), "Unknown feature.");
        }

        if (rolloutPercentage is < 0 or > 100)
        {
            return Error.Validation(nameof(rolloutPercentage), "A rollout percentage is between 0 and 100.");
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var row = await db.FeatureOverrides.FirstOrDefaultAsync(f => f.FeatureName == featureName, cancellationToken);
        var now = clock.GetUtcNow();
        if (row is null)
        {
            db.FeatureOverrides.Add(FeatureOverride.Create(featureName, enabled, rolloutPercentage, actor, now));
        }
        else
        {
            row.Change(enabled, rolloutPercentage, actor, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        cache.Invalidate();
        return Result.Success();
    }

    /// <summary>Drops the override: the flag goes back to its configured default.</summary>
    public async Task ClearOverrideAsync(string featureName, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        await db.FeatureOverrides.Where(f => f.FeatureName == featureName).ExecuteDeleteAsync(cancellationToken);
        cache.Invalidate();
    }
}
