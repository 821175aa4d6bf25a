namespace ProfilePortal.Domain.Features;

/// <summary>
/// An admin's run-time override of a feature flag's configured default: switched on or off, and for
/// targeted features the share of users who get it. A flag without a row uses configuration.
/// </summary>
public sealed class FeatureOverride
{
    private FeatureOverride()
    {
    }

    public string FeatureName { get; private set; } = string.Empty;

    public bool Enabled { get; private set; }

    /// <summary>0–100; null for a plain on/off flag.</summary>
    public int? RolloutPercentage { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public string UpdatedBy { get; private set; } = string.Empty;

    public static FeatureOverride Create(string featureName, bool enabled, int? rolloutPercentage, string updatedBy, DateTimeOffset now)
    {
        var row = new FeatureOverride { FeatureName = featureName };
        row.Change(enabled, rolloutPercentage, updatedBy, now);
        return row;
    }

    public void Change(bool enabled, int? rolloutPercentage, string updatedBy, DateTimeOffset now)
    {
        if (rolloutPercentage is < 0 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(rolloutPercentage), "A rollout percentage is between 0 and 100.");
        }

        Enabled = enabled;
        RolloutPercentage = rolloutPercentage;
        UpdatedBy = updatedBy;
        UpdatedAt = now;
    }
}
