using Microsoft.EntityFrameworkCore;
using ProfilePortal.Domain.Audit;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Identity;

namespace ProfilePortal.Domain.Alerts;

/// <summary>An open alert as the admin home lists it.</summary>
public sealed record AlertView(
    Guid Id, string Rule, AlertSeverity Severity, AlertUnit Unit, AlertComparison Comparison, double Value, double Threshold,
    DateTimeOffset RaisedAt, DateTimeOffset LastSeenAt, string? AcknowledgedBy, DateTimeOffset? AcknowledgedAt);

public static class AlertErrors
{
    public static readonly Error NotFound = Error.NotFound("alert");

    public static readonly Error AlreadyAcknowledged = new("alert.already_acknowledged", "Someone has already acknowledged this alert.");

    public static readonly Error Resolved = new("alert.resolved", "This alert has already cleared.");
}

/// <summary>The admin's side of alerts: list the open ones, acknowledge one (audited). Admins only, checked here too.</summary>
public sealed class AlertService(IPortalDbContextFactory dbFactory, TimeProvider clock)
{
    public const string AcknowledgedAction = "alert.acknowledged";
    public const string AuditTarget = "alert";

    /// <summary>Open alerts, critical first, then the newest.</summary>
    public async Task<Result<IReadOnlyList<AlertView>>> ListOpenAsync(Guid actorUserId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (!await SiteAdmins.IsAdminAsync(db, actorUserId, cancellationToken))
        {
            return Error.Forbidden();
        }

        var alerts = await db.Alerts.AsNoTracking()
            .Where(a => a.ResolvedAt == null)
            .Select(a => new
            {
                Alert = a,
                By = db.Users.Where(u => u.Id == a.AcknowledgedByUserId).Select(u => u.Email).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return alerts
            .OrderByDescending(a => a.Alert.Severity)
            .ThenByDescending(a => a.Alert.RaisedAt)
            .Select(a => new AlertView(
                a.Alert.Id, a.Alert.Rule, a.Alert.Severity, a.Alert.Unit, a.Alert.Comparison, a.Alert.Value, a.Alert.Threshold,
                a.Alert.RaisedAt, a.Alert.LastSeenAt, a.By, a.Alert.AcknowledgedAt))
            .ToList();
    }

    /// <summary>Marks an open alert as seen by the acting admin and records who did it in the audit trail.</summary>
    public async Task<Result> AcknowledgeAsync(Guid actorUserId, Guid alertId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (!await SiteAdmins.IsAdminAsync(db, actorUserId, cancellationToken))
        {
            return Error.Forbidden();
        }

        var alert = await db.Alerts.FirstOrDefaultAsync(a => a.Id == alertId, cancellationToken);
        if (alert is null)
        {
            return AlertErrors.NotFound;
        }

        if (!alert.IsOpen)
        {
            return AlertErrors.Resolved;
        }

        var now = clock.GetUtcNow();
        if (!alert.Acknowledge(actorUserId, now))
        {
            return AlertErrors.AlreadyAcknowledged;
        }

        db.AuditEntries.Add(AuditEntry.Record(
            actorUserId, AcknowledgedAction, AuditTarget, alert.Id.ToString(), null,
            FieldChange.Describe([new("Rule", null, alert.Rule), new("Acknowledged", "false", "true")]), now));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return AlertErrors.AlreadyAcknowledged;
        }

        return Result.Success();
    }
}
