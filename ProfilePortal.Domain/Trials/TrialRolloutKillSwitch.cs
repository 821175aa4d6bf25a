using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Domain.Notifications;
using ProfilePortal.Domain.Profile;

namespace ProfilePortal.Domain.Trials;

/// <summary>What one run of the kill switch found.</summary>
public enum KillSwitchOutcome
{
    /// <summary>The rollout is at 0 % already: nothing to measure, nobody to alert again.</summary>
    AlreadyOff = 0,

    /// <summary>Fewer conversion attempts in the window than the minimum: no verdict.</summary>
    NotEnoughData = 1,

    /// <summary>The error rate is at or below the threshold.</summary>
    Healthy = 2,

    /// <summary>The error rate was above the threshold: the rollout is at 0 % now and the admins are alerted.</summary>
    Stopped = 3,
}

public sealed record KillSwitchResult(KillSwitchOutcome Outcome, Ratio ConversionChargeErrors, DateTimeOffset MeasuredSince);

/// <summary>
/// Seed 002's kill criterion, applied by a sweep: when more than the threshold (10 %) of the trial conversion
/// charges in the kill window fail, with at least the minimum number of attempts, the rollout goes to 0 % as the
/// system, with the measured value as the reason, and every admin gets an email in the same save; a warning goes to
/// the log. Running trials are left alone. While the rollout is at 0 % it measures nothing, so it fires once; an
/// admin who raises the rollout again starts a new window.
/// </summary>
public sealed partial class TrialRolloutKillSwitch(
    TrialRollout rollout,
    EmailOutbox outbox,
    IOptions<TrialRolloutOptions> options,
    IOptions<PortalLinkOptions> links,
    TimeProvider clock,
    ILogger<TrialRolloutKillSwitch> logger)
{
    /// <summary>The rollout page the alert links to.</summary>
    public const string RolloutsPath = "admin/rollouts";

    public async Task<KillSwitchResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var (percentage, changedAt) = await rollout.GetCurrentAsync(cancellationToken);
        var since = rollout.KillWindowStart(changedAt);
        if (percentage == 0)
        {
            return new KillSwitchResult(KillSwitchOutcome.AlreadyOff, Ratio.Empty, since);
        }

        var errors = await rollout.ConversionChargeErrorsAsync(since, cancellationToken);
        var criterion = TrialRolloutCriteria.Kill(errors, options.Value);
        if (criterion.Status != CriterionStatus.Met)
        {
            return new KillSwitchResult(
                criterion.Status == CriterionStatus.NoData ? KillSwitchOutcome.NotEnoughData : KillSwitchOutcome.Healthy, errors, since);
        }

        var threshold = options.Value.KillThresholdPercent;
        var reason = string.Create(
            CultureInfo.InvariantCulture,
            $"Kill switch: {errors.Percent:0.#} % of trial conversion charges failed ({errors.Part} of {errors.Whole} attempts since {since:yyyy-MM-dd HH:mm} UTC), above {threshold:0.#} %.");
        var stopped = await rollout.StopAsync(
            reason, (db, token) => QueueAlertsAsync(db, percentage, errors, since, token), cancellationToken);
        if (!stopped.Succeeded)
        {
            throw new InvalidOperationException($"The trial rollout could not be stopped: {stopped.Errors[0].Message}");
        }

        LogStopped(logger, percentage, errors.Percent ?? 0, errors.Part, errors.Whole, threshold);
        return new KillSwitchResult(KillSwitchOutcome.Stopped, errors, since);
    }

    private async Task QueueAlertsAsync(IPortalDbContext db, int percentage, Ratio errors, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var admins = await SiteAdmins.Query(db).AsNoTracking()
            .Where(u => u.Email != null)
            .Select(u => new { Email = u.Email!, u.FirstName, u.LastName, u.PreferredLanguage, u.TimeZone })
            .ToListAsync(cancellationToken);
        foreach (var admin in admins)
        {
            var model = new TrialRolloutStoppedModel(
                PersonName.Display(admin.FirstName, admin.LastName, admin.Email),
                percentage,
                errors.Part,
                errors.Whole,
                options.Value.KillThresholdPercent,
                TimeZones.ToLocal(since, admin.TimeZone),
                TimeZones.ToLocal(now, admin.TimeZone),
                string.IsNullOrEmpty(admin.TimeZone) ? "UTC" : admin.TimeZone,
                links.Value.Link(RolloutsPath));
            db.EmailMessages.Add(await outbox.PrepareAsync(admin.Email, admin.PreferredLanguage, model, cancellationToken));
        }

        if (admins.Count == 0)
        {
            LogNoAdmins(logger);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kill switch stopped the trial rollout at {Percentage} %: {ErrorRate:0.#} % of trial conversion charges failed ({Declined} of {Attempts}), above {Threshold} %")]
    private static partial void LogStopped(ILogger logger, int percentage, double errorRate, int declined, int attempts, double threshold);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kill switch stopped the trial rollout but there is no admin to alert by email")]
    private static partial void LogNoAdmins(ILogger logger);
}
