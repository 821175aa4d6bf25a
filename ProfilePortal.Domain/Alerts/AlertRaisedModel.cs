using ProfilePortal.Domain.Notifications;

namespace ProfilePortal.Domain.Alerts;

/// <summary>
/// Sent to the ops address (or every admin) once when a rule starts firing: which rule, the value against the
/// threshold over which window, and the admin home where it is acknowledged.
/// </summary>
/// <param name="DisplayName">How the reader is greeted.</param>
/// <param name="RaisedAt">When the alert was raised, already in <paramref name="TimeZone"/>.</param>
/// <param name="TimeZone">The reader's IANA time zone, "UTC" when unknown.</param>
public sealed record AlertRaisedModel(
    string DisplayName,
    string Rule,
    AlertSeverity Severity,
    AlertUnit Unit,
    AlertComparison Comparison,
    double Value,
    double Threshold,
    TimeSpan Window,
    DateTimeOffset RaisedAt,
    string TimeZone,
    string AdminLink) : IEmailModel
{
    public static string Kind => "alert-raised";
}
