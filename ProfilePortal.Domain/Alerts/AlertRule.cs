namespace ProfilePortal.Domain.Alerts;

/// <summary>Which side of the threshold is bad.</summary>
public enum AlertComparison
{
    /// <summary>The rule fires when the value is strictly above the threshold.</summary>
    Above = 0,

    /// <summary>The rule fires when the value is strictly below the threshold.</summary>
    Below = 1,
}

/// <summary>How bad a firing rule is; critical ones are seed 002's kill or regression metrics.</summary>
public enum AlertSeverity
{
    Warning = 0,
    Critical = 1,
}

/// <summary>What a rule's value counts.</summary>
public enum AlertUnit
{
    /// <summary>A percentage, 0–100 (or above 100 for an increase).</summary>
    Percent = 0,

    /// <summary>A plain count.</summary>
    Count = 1,
}

/// <summary>A live figure: the value (none while nothing was measured) and how many events it rests on.</summary>
public sealed record AlertMeasurement(double? Value, int Sample)
{
    public static AlertMeasurement OfRatio(int part, int whole) => new(whole > 0 ? 100d * part / whole : null, whole);
}

/// <summary>
/// One of seed 002 §3's alert thresholds, with the settings in force: the rule fires when at least
/// <see cref="MinimumSample"/> events were measured in the last <see cref="Window"/> and the value is strictly on the
/// bad side of <see cref="Threshold"/>, so a value exactly at the threshold does not fire.
/// </summary>
public sealed record AlertRule(
    string Name, AlertSeverity Severity, AlertUnit Unit, AlertComparison Comparison, double Threshold, TimeSpan Window, int MinimumSample)
{
    public bool Fires(AlertMeasurement measurement)
    {
        ArgumentNullException.ThrowIfNull(measurement);
        return measurement.Sample >= MinimumSample && measurement.Value is { } value
            && (Comparison == AlertComparison.Above ? value > Threshold : value < Threshold);
    }
}
