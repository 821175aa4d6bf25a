using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Identity;

namespace ProfilePortal.Domain.Features;

/// <summary>
/// The flags page's use cases: every flag with its default, override and state in force; a change with a reason;
/// the history. Admins only, checked against the database on every call. Changes go through
/// <see cref="FeatureSettings"/>, which keeps the history and the audit trail in the same save. The trial rollout
/// is listed but moved on its own page, in the seed's steps and with its criteria in view.
/// </summary>
public sealed partial class FeatureFlagAdmin(
    IPortalDbContextFactory dbFactory, FeatureSettings settings, IFeatureDefaults defaults, ILogger<FeatureFlagAdmin> logger)
{
    /// <summary>Every flag of <see cref="FeatureNames.All"/>, in that order.</summary>
    public async Task<Result<IReadOnlyList<FeatureFlagView>>> GetFlagsAsync(Guid actorUserId, CancellationToken cancellationToken = default)
    {
        if (await ActorAsync(actorUserId, cancellationToken) is null)
        {
            return Error.Forbidden();
        }

        var overrides = (await settings.GetOverridesAsync(cancellationToken)).ToDictionary(o => o.FeatureName, StringComparer.Ordinal);
        var flags = new List<FeatureFlagView>(FeatureNames.All.Count);
        foreach (var name in FeatureNames.All)
        {
            var configured = await defaults.GetConfiguredAsync(name, cancellationToken);
            overrides.TryGetValue(name, out var row);
            flags.Add(new FeatureFlagView(
                name, configured, row is null ? null : new FeatureState(row.Enabled, row.RolloutPercentage), row?.UpdatedAt, row?.UpdatedBy,
                name == FeatureNames.Trials));
        }

        return flags;
    }

    /// <summary>The latest changes of every flag, newest first.</summary>
    public async Task<Result<IReadOnlyList<FeatureChangeView>>> GetHistoryAsync(Guid actorUserId, int take = 100, CancellationToken cancellationToken = default)
    {
        if (await ActorAsync(actorUserId, cancellationToken) is null)
        {
            return Error.Forbidden();
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var rows = await db.FeatureChanges.AsNoTracking()
            .OrderByDescending(c => c.ChangedAt)
            .ThenByDescending(c => c.Id)
            .Take(Math.Clamp(take, 1, 500))
            .ToListAsync(cancellationToken);
        return Result<IReadOnlyList<FeatureChangeView>>.Success([.. rows.Select(c => new FeatureChangeView(
            c.Id, c.FeatureName, c.ChangedAt, c.ActorUserId, c.Actor, c.From, c.FromConfiguration, c.To, c.ToConfiguration, c.Reason))]);
    }

    /// <summary>
    /// Applies <paramref name="change"/> to <paramref name="featureName"/> for <paramref name="reason"/> (required, up to
    /// 500 characters). Every node sees it within the override cache's few seconds, this one at once.
    /// </summary>
    public async Task<Result> ChangeAsync(
        Guid actorUserId, string featureName, FeatureFlagChange change, string? reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        var actor = await ActorAsync(actorUserId, cancellationToken);
        if (actor is null)
        {
            LogRefused(logger, actorUserId, featureName);
            return Error.Forbidden();
        }

        if (!FeatureNames.All.Contains(featureName))
        {
            return FeatureFlagErrors.Unknown;
        }

        if (featureName == FeatureNames.Trials)
        {
            return FeatureFlagErrors.ManagedElsewhere;
        }

        if (change.Action == FeatureFlagAction.Percentage && change.Percentage is not (>= 0 and <= 100))
        {
            return FeatureFlagErrors.PercentageInvalid;
        }

        var why = reason?.Trim();
        if (string.IsNullOrEmpty(why))
        {
            return FeatureFlagErrors.ReasonRequired;
        }

        if (why.Length > FeatureChange.ReasonMaxLength)
        {
            return FeatureFlagErrors.ReasonTooLong;
        }

        var current = await settings.GetStateAsync(featureName, cancellationToken);
        var target = change.Target;
        if (target is null ? !current.IsOverride : current.IsOverride && current.State == target)
        {
            return FeatureFlagErrors.Unchanged;
        }

        var who = new FeatureActor(actorUserId, actor);
        if (target is null)
        {
            await settings.ClearOverrideAsync(featureName, who, why, cancellationToken);
        }
        else
        {
            var result = await settings.SetOverrideAsync(featureName, target, who, why, cancellationToken);
            if (!result.Succeeded)
            {
                return result;
            }
        }

        LogChanged(logger, actorUserId, featureName, change.Action);
        return Result.Success();
    }

    private async Task<string?> ActorAsync(Guid actorUserId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        return await SiteAdmins.Query(db).Where(u => u.Id == actorUserId).Select(u => u.Email ?? u.Id.ToString()).FirstOrDefaultAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "User {UserId} who is not an admin tried to change or read flag {Feature}")]
    private static partial void LogRefused(ILogger logger, Guid userId, string feature);

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin {UserId} changed flag {Feature}: {Action}")]
    private static partial void LogChanged(ILogger logger, Guid userId, string feature, FeatureFlagAction action);
}
