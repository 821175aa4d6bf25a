using ProfilePortal.Domain.Common;

namespace ProfilePortal.Domain.Alerts;

/// <summary>
/// A rule that fired: raised once when its condition starts to hold, seen again on every run while it holds, resolved
/// when it clears. An admin acknowledges it to say someone is on it; it stays listed until it resolves.
/// </summary>
public sealed class Alert : IVersioned
{
    private Alert()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The rule's name, one of <see cref="AlertRules"/>.</summary>
    public string Rule { get; private set; } = string.Empty;

    public AlertSeverity Severity { get; private set; }

    public AlertUnit Unit { get; private set; }

    public AlertComparison Comparison { get; private set; }

    /// <summary>The value at the last run that saw the condition hold.</summary>
    public double Value { get; private set; }

    public double Threshold { get; private set; }

    public DateTimeOffset RaisedAt { get; private set; }

    public DateTimeOffset LastSeenAt { get; private set; }

    public Guid? AcknowledgedByUserId { get; private set; }

    public DateTimeOffset? AcknowledgedAt { get; private set; }

    public DateTimeOffset? ResolvedAt { get; private set; }

    public Guid Version { get; set; }

    public bool IsOpen => ResolvedAt is null;

    public static Alert Raise(AlertRule rule, double value, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return new Alert
        {
            Id = Guid.CreateVersion7(now),
            Rule = rule.Name,
            Severity = rule.Severity,
            Unit = rule.Unit,
            Comparison = rule.Comparison,
            Value = value,
            Threshold = rule.Threshold,
            RaisedAt = now,
            LastSeenAt = now,
        };
    }

    public void Observe(double value, double threshold, DateTimeOffset now)
    {
        Value = value;
        Threshold = threshold;
        LastSeenAt = now;
    }

    /// <summary>Marks the alert seen by an admin; false when someone already did (the first one stays).</summary>
    public bool Acknowledge(Guid userId, DateTimeOffset now)
    {
        if (AcknowledgedAt is not null)
        {
            return false;
        }

        AcknowledgedByUserId = userId;
        AcknowledgedAt = now;
        return true;
    }

    public void Resolve(DateTimeOffset now) => ResolvedAt ??= now;
}
