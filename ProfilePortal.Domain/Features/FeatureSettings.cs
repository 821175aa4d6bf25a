using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ProfilePortal.Domain.Audit;
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
/// The admin pages call it; the feature definition provider reads the rows. Every change is kept in the flag's
/// history and the audit trail, in the same save as the change itself.
/// </summary>
public sealed class FeatureSettings(IPortalDbContextFactory dbFactory, IFeatureOverrideCache cache, IFeatureDefaults defaults, TimeProvider clock)
{
    /// <summary>The audit trail's action for a flag change.</summary>
    public const string ChangedAction = "feature.changed";

    public async Task<IReadOnlyList<FeatureOverrideView>> GetOverridesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        return await db.FeatureOverrides.AsNoTracking()
            .OrderBy(f => f.FeatureName)
            .Select(f => new FeatureOverrideView(f.FeatureName, f.Enabled, f.RolloutPercentage, f.UpdatedAt, f.UpdatedBy))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The flag's state in force: the override when there is one, else the configured default.</summary>
    public async Task<FeatureStateView> GetStateAsync(string featureName, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var row = await db.FeatureOverrides.AsNoTracking().FirstOrDefaultAsync(f => f.FeatureName == featureName, cancellationToken);
        return row is null
            ? new FeatureStateView(featureName, await defaults.GetConfiguredAsync(featureName, cancellationToken), false, null, null)
            : new FeatureStateView(featureName, new FeatureState(row.Enabled, row.RolloutPercentage), true, row.UpdatedAt, row.UpdatedBy);
    }

    /// <summary>The flag's changes, newest first.</summary>
    public async Task<IReadOnlyList<FeatureChangeView>> GetHistoryAsync(string featureName, int take = 50, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var rows = await db.FeatureChanges.AsNoTracking()
            .Where(c => c.FeatureName == featureName)
            .OrderByDescending(c => c.ChangedAt)
            .ThenByDescending(c => c.Id)
            .Take(take)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(c => new FeatureChangeView(
            c.Id, c.FeatureName, c.ChangedAt, c.ActorUserId, c.Actor, c.From, c.FromConfiguration, c.To, c.ToConfiguration, c.Reason))];
    }

    /// <summary>Switches a known flag on or off, optionally for a percentage of users (0–100).</summary>
    public Task<Result> SetOverrideAsync(string featureName, bool enabled, int? rolloutPercentage, string actor, CancellationToken cancellationToken = default) =>
        SetOverrideAsync(featureName, new FeatureState(enabled, rolloutPercentage), new FeatureActor(null, actor), reason: null, cancellationToken);

    /// <summary>
    /// Puts <paramref name="state"/> in force for a known flag, recording who did it and why. This node sees it at
    /// once; the others when their override cache next refreshes (every few seconds).
    /// </summary>
    public Task<Result> SetOverrideAsync(string featureName, FeatureState state, FeatureActor actor, string? reason, CancellationToken cancellationToken = default) =>
        SetOverrideAsync(featureName, state, actor, reason, inSameSave: null, cancellationToken);

    /// <summary>
    /// As the public overload, and lets the caller add rows of its own (e.g. the alerts about the change) to the
    /// same save, so the change and what it causes are stored together or not at all.
    /// </summary>
    internal async Task<Result> SetOverrideAsync(
        string featureName, FeatureState state, FeatureActor actor, string? reason,
        Func<IPortalDbContext, CancellationToken, Task>? inSameSave, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(actor);
        if (!FeatureNames.All.Contains(featureName))
        {
            return Error.Validation(nameof(featureName), "Unknown feature.");
        }

        if (state.RolloutPercentage is < 0 or > 100)
        {
            return Error.Validation("rolloutPercentage", "A rollout percentage is between 0 and 100.");
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var row = await db.FeatureOverrides.FirstOrDefaultAsync(f => f.FeatureName == featureName, cancellationToken);
        var before = row is null ? await defaults.GetConfiguredAsync(featureName, cancellationToken) : new FeatureState(row.Enabled, row.RolloutPercentage);
        var now = clock.GetUtcNow();
        if (row is null)
        {
            db.FeatureOverrides.Add(FeatureOverride.Create(featureName, state.Enabled, state.RolloutPercentage, actor.Name, now));
        }
        else
        {
            row.Change(state.Enabled, state.RolloutPercentage, actor.Name, now);
        }

        Record(db, featureName, before, fromConfiguration: row is null, state, toConfiguration: false, actor, reason, now);
        if (inSameSave is not null)
        {
            await inSameSave(db, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        cache.Invalidate();
        return Result.Success();
    }

    /// <summary>Drops the override: the flag goes back to its configured default.</summary>
    public Task ClearOverrideAsync(string featureName, CancellationToken cancellationToken = default) =>
        ClearOverrideAsync(featureName, FeatureActor.System, reason: null, cancellationToken);

    /// <summary>Drops the override, recording who did it and why; nothing happens when there is none.</summary>
    public async Task ClearOverrideAsync(string featureName, FeatureActor actor, string? reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var row = await db.FeatureOverrides.FirstOrDefaultAsync(f => f.FeatureName == featureName, cancellationToken);
        if (row is null)
        {
            return;
        }

        db.FeatureOverrides.Remove(row);
        var configured = await defaults.GetConfiguredAsync(featureName, cancellationToken);
        Record(db, featureName, new FeatureState(row.Enabled, row.RolloutPercentage), false, configured, true, actor, reason, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        cache.Invalidate();
    }

    private static void Record(
        IPortalDbContext db, string featureName, FeatureState from, bool fromConfiguration, FeatureState to, bool toConfiguration, FeatureActor actor,
        string? reason, DateTimeOffset now)
    {
        var change = FeatureChange.Record(featureName, from, fromConfiguration, to, toConfiguration, actor, reason, now);
        db.FeatureChanges.Add(change);
        var fields = new List<FieldChange>
        {
            new("Enabled", Text(from.Enabled), Text(to.Enabled)),
            new("RolloutPercentage", Text(from.RolloutPercentage), Text(to.RolloutPercentage)),
        };
        if (fromConfiguration != toConfiguration)
        {
            fields.Add(new("Source", Source(fromConfiguration), Source(toConfiguration)));
        }

        if (change.Reason is not null)
        {
            fields.Add(new("Reason", null, change.Reason));
        }

        db.AuditEntries.Add(AuditEntry.Record(actor.UserId, ChangedAction, "feature", featureName, null, FieldChange.Describe(fields), now));
    }

    private static string Text(bool value) => value ? "true" : "false";

    private static string? Text(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string Source(bool configuration) => configuration ? "configuration" : "override";
}
