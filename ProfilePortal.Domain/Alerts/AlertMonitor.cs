using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Domain.Notifications;
using ProfilePortal.Domain.Profile;

namespace ProfilePortal.Domain.Alerts;

/// <summary>What one evaluation run changed.</summary>
public sealed record AlertRunResult(IReadOnlyList<string> Raised, IReadOnlyList<string> Resolved, IReadOnlyDictionary<string, AlertMeasurement> Measured);

/// <summary>
/// Evaluates every rule in force (the <c>alerts</c> job calls it every few minutes): a rule that starts firing raises
/// one alert, emails it to the ops address in the same save and logs a warning; while it keeps firing the alert is
/// only updated (no new email); when it clears the alert is resolved. The job runs one at a time per cluster, and a
/// unique index keeps one open alert per rule even if two runs met.
/// </summary>
public sealed partial class AlertMonitor(
    IPortalDbContextFactory dbFactory,
    EmailOutbox outbox,
    IOptions<AlertOptions> options,
    IOptions<PortalLinkOptions> links,
    TimeProvider clock,
    ILogger<AlertMonitor> logger)
{
    /// <summary>The admin home, where alerts are listed and acknowledged.</summary>
    public const string AdminPath = "admin";

    /// <summary>Measures every rule in force now without changing anything.</summary>
    public async Task<IReadOnlyDictionary<string, AlertMeasurement>> MeasureAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        await db.KeepConnectionOpenAsync(cancellationToken);
        return await MeasureAsync(db, clock.GetUtcNow(), cancellationToken);
    }

    public async Task<AlertRunResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        await db.KeepConnectionOpenAsync(cancellationToken);
        var measured = await MeasureAsync(db, now, cancellationToken);
        var open = await db.Alerts.Where(a => a.ResolvedAt == null).ToListAsync(cancellationToken);
        var raised = new List<Alert>();
        var resolved = new List<string>();
        foreach (var rule in AlertRules.Effective(options.Value))
        {
            var measurement = measured[rule.Name];
            var current = open.FirstOrDefault(a => a.Rule == rule.Name);
            if (rule.Fires(measurement))
            {
                if (current is null)
                {
                    var alert = Alert.Raise(rule, measurement.Value!.Value, now);
                    db.Alerts.Add(alert);
                    raised.Add(alert);
                    await QueueEmailsAsync(db, rule, alert, cancellationToken);
                }
                else
                {
                    current.Observe(measurement.Value!.Value, rule.Threshold, now);
                }
            }
            else if (current is not null)
            {
                current.Resolve(now);
                resolved.Add(rule.Name);
            }
        }

        // Alerts of rules switched off since they were raised cannot clear by themselves.
        foreach (var orphan in open.Where(a => !measured.ContainsKey(a.Rule)))
        {
            orphan.Resolve(now);
            resolved.Add(orphan.Rule);
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var alert in raised)
        {
            LogRaised(logger, alert.Rule, alert.Severity, alert.Value, alert.Comparison, alert.Threshold);
        }

        foreach (var rule in resolved)
        {
            LogResolved(logger, rule);
        }

        return new AlertRunResult([.. raised.Select(a => a.Rule)], resolved, measured);
    }

    private async Task<Dictionary<string, AlertMeasurement>> MeasureAsync(IPortalDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var measured = new Dictionary<string, AlertMeasurement>(StringComparer.Ordinal);
        foreach (var rule in AlertRules.Effective(options.Value))
        {
            measured[rule.Name] = await AlertMeasurements.MeasureAsync(db, rule, now, cancellationToken);
        }

        return measured;
    }

    private async Task QueueEmailsAsync(IPortalDbContext db, AlertRule rule, Alert alert, CancellationToken cancellationToken)
    {
        var recipients = options.Value.OpsEmail is { Length: > 0 } ops
            ? [new Recipient(ops, null, null, SupportedLanguages.Default, null)]
            : await SiteAdmins.Query(db).AsNoTracking()
                .Where(u => u.Email != null)
                .Select(u => new Recipient(u.Email!, u.FirstName, u.LastName, u.PreferredLanguage, u.TimeZone))
                .ToListAsync(cancellationToken);
        if (recipients.Count == 0)
        {
            LogNoRecipient(logger, rule.Name);
        }

        foreach (var recipient in recipients)
        {
            var model = new AlertRaisedModel(
                PersonName.Display(recipient.FirstName, recipient.LastName, recipient.Email),
                rule.Name, rule.Severity, rule.Unit, rule.Comparison, alert.Value, rule.Threshold, rule.Window,
                TimeZones.ToLocal(alert.RaisedAt, recipient.TimeZone),
                string.IsNullOrEmpty(recipient.TimeZone) ? "UTC" : recipient.TimeZone,
                links.Value.Link(AdminPath));
            db.EmailMessages.Add(await outbox.PrepareAsync(recipient.Email, recipient.Language, model, cancellationToken));
        }
    }

    private sealed record Recipient(string Email, string? FirstName, string? LastName, string Language, string? TimeZone);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert raised: {Rule} ({Severity}) is {Value:0.##}, {Comparison} the threshold {Threshold:0.##}")]
    private static partial void LogRaised(ILogger logger, string rule, AlertSeverity severity, double value, AlertComparison comparison, double threshold);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert resolved: {Rule} is back within its threshold")]
    private static partial void LogResolved(ILogger logger, string rule);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert {Rule} was raised but there is no ops address or admin to email")]
    private static partial void LogNoRecipient(ILogger logger, string rule);
}
