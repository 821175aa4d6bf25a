using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Features;
using ProfilePortal.Domain.Identity;

namespace ProfilePortal.Domain.Trials;

/// <summary>
/// The staged rollout of trials (seed 002 phase B): the share of new people offered a trial, moved by an admin in
/// the seed's steps 0 → 20 → 50 → 100 %, with the live figures of the seed's go and kill criteria. The share is
/// the <see cref="FeatureNames.Trials"/> flag's targeting percentage, sticky per user (a person who got it at 20 %
/// keeps it at 50 %). A change is stored as the flag's override: this node sees it at once, every other node within
/// the override cache's few seconds. 0 % switches the flag off, so nobody new is offered a trial while running
/// trials carry on to their end (the seed's rollback).
/// </summary>
public sealed partial class TrialRollout(
    IPortalDbContextFactory dbFactory,
    FeatureSettings settings,
    IFeatureGate gate,
    IOptions<TrialRolloutOptions> options,
    TimeProvider clock,
    ILogger<TrialRollout> logger)
{
    private const int HistoryLength = 50;

    /// <summary>The steps an admin moves the rollout in.</summary>
    public static IReadOnlyList<int> Steps { get; } = [0, 20, 50, 100];

    /// <summary>The percentage in force, the criteria with their live values and the history of changes. Admins only.</summary>
    public async Task<Result<TrialRolloutView>> GetAsync(Guid actorUserId, CancellationToken cancellationToken = default)
    {
        await using (var db = await dbFactory.CreateAsync(cancellationToken))
        {
            if (!await SiteAdmins.IsAdminAsync(db, actorUserId, cancellationToken))
            {
                LogRefused(logger, actorUserId);
                return Error.Forbidden();
            }
        }

        var state = await settings.GetStateAsync(FeatureNames.Trials, cancellationToken);
        var history = await settings.GetHistoryAsync(FeatureNames.Trials, HistoryLength, cancellationToken);
        var since = history.Count > 0 ? history[0].ChangedAt : (DateTimeOffset?)null;
        var measured = await MeasureAsync(since, cancellationToken);
        return new TrialRolloutView(
            state.State.Percentage, !state.IsOverride, since, measured, TrialRolloutCriteria.Evaluate(measured, options.Value), history);
    }

    /// <summary>
    /// Moves the rollout to <paramref name="percentage"/> (0, 20, 50 or 100) for <paramref name="reason"/>. Admins
    /// only; the change goes to the flag's history and the audit trail with the reason.
    /// </summary>
    public async Task<Result> SetPercentageAsync(Guid actorUserId, int percentage, string? reason, CancellationToken cancellationToken = default)
    {
        string? actor;
        await using (var db = await dbFactory.CreateAsync(cancellationToken))
        {
            actor = await SiteAdmins.Query(db).Where(u => u.Id == actorUserId).Select(u => u.Email).FirstOrDefaultAsync(cancellationToken);
        }

        if (actor is null)
        {
            LogRefused(logger, actorUserId);
            return Error.Forbidden();
        }

        if (!Steps.Contains(percentage))
        {
            return TrialRolloutErrors.StepInvalid;
        }

        var why = reason?.Trim();
        if (string.IsNullOrEmpty(why))
        {
            return TrialRolloutErrors.ReasonRequired;
        }

        if (why.Length > FeatureChange.ReasonMaxLength)
        {
            return TrialRolloutErrors.ReasonTooLong;
        }

        var before = (await settings.GetStateAsync(FeatureNames.Trials, cancellationToken)).State.Percentage;
        if (before == percentage)
        {
            return TrialRolloutErrors.Unchanged;
        }

        var result = await settings.SetOverrideAsync(FeatureNames.Trials, StateFor(percentage), new FeatureActor(actorUserId, actor), why, cancellationToken);
        if (result.Succeeded)
        {
            LogChanged(logger, actorUserId, before, percentage);
        }

        return result;
    }

    /// <summary>
    /// The stored form of a step: 0 % is the flag switched off (no share to compute, and the flags list reads
    /// "off"), any other step a targeting percentage (100 % included: the library counts every bucket in).
    /// </summary>
    internal static FeatureState StateFor(int percentage) => new(percentage > 0, percentage);

    /// <summary>The percentage in force and when it was last changed (null: never).</summary>
    internal async Task<(int Percentage, DateTimeOffset? ChangedAt)> GetCurrentAsync(CancellationToken cancellationToken)
    {
        var state = await settings.GetStateAsync(FeatureNames.Trials, cancellationToken);
        var last = await settings.GetHistoryAsync(FeatureNames.Trials, 1, cancellationToken);
        return (state.State.Percentage, last.Count > 0 ? last[0].ChangedAt : null);
    }

    /// <summary>Where the kill window starts: <see cref="TrialRolloutOptions.KillWindow"/> ago, or the last change if later.</summary>
    internal DateTimeOffset KillWindowStart(DateTimeOffset? changedAt)
    {
        var start = clock.GetUtcNow() - options.Value.KillWindow;
        return changedAt is { } changed && changed > start ? changed : start;
    }

    internal async Task<Ratio> ConversionChargeErrorsAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        return await TrialRolloutQueries.ConversionChargeErrorsAsync(db, since, cancellationToken);
    }

    /// <summary>
    /// Switches the rollout to 0 % as the system, for <paramref name="reason"/>, with <paramref name="inSameSave"/>'s
    /// rows (the admins' alerts) stored in the same save.
    /// </summary>
    internal Task<Result> StopAsync(string reason, Func<IPortalDbContext, CancellationToken, Task> inSameSave, CancellationToken cancellationToken) =>
        settings.SetOverrideAsync(FeatureNames.Trials, StateFor(0), FeatureActor.System, reason, inSameSave, cancellationToken);

    private async Task<TrialRolloutMeasurements> MeasureAsync(DateTimeOffset? changedAt, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var since = now - options.Value.CriteriaWindow;
        var killSince = KillWindowStart(changedAt);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        await db.KeepConnectionOpenAsync(cancellationToken);
        var started = await TrialRolloutQueries.TrialsStartedAsync(db, since, cancellationToken);
        var toPaid = await TrialRolloutQueries.TrialToPaidAsync(db, since, cancellationToken);
        var conversionErrors = await TrialRolloutQueries.ConversionChargeErrorsAsync(db, killSince, cancellationToken);
        var billingErrors = await TrialRolloutQueries.BillingErrorsAsync(db, since, cancellationToken);
        var startRate = await TrialStartRateAsync(await TrialRolloutQueries.NewcomersAsync(db, since, cancellationToken), cancellationToken);
        return new TrialRolloutMeasurements(since, killSince, now, started, startRate, toPaid, conversionErrors, billingErrors);
    }

    /// <summary>
    /// Of the people who signed up in the window and are offered trials (in the rollout now, or who started one
    /// when they were), the share who started one. Visitors who never signed up are not counted: without an
    /// account nobody has a sticky bucket, and nobody can start a trial.
    /// </summary>
    private async Task<Ratio> TrialStartRateAsync(IReadOnlyList<(Guid UserId, bool StartedTrial)> newcomers, CancellationToken cancellationToken)
    {
        var (started, offered) = (0, 0);
        foreach (var (userId, startedTrial) in newcomers)
        {
            if (startedTrial)
            {
                started++;
                offered++;
            }
            else if (await gate.IsEnabledForAsync(FeatureNames.Trials, userId, cancellationToken))
            {
                offered++;
            }
        }

        return new Ratio(started, offered);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin {UserId} moved the trial rollout from {From} % to {To} %")]
    private static partial void LogChanged(ILogger logger, Guid userId, int from, int to);

    [LoggerMessage(Level = LogLevel.Warning, Message = "User {UserId}, not an admin, tried to read or change the trial rollout")]
    private static partial void LogRefused(ILogger logger, Guid userId);
}
