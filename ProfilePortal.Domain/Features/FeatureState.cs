namespace ProfilePortal.Domain.Features;

/// <summary>
/// What a flag does for users: off, on for everyone, or on for a sticky share of them. The same shape for an
/// admin's override and for the configured default, so a change can be told as "from → to" whichever it was.
/// </summary>
public sealed record FeatureState(bool Enabled, int? RolloutPercentage)
{
    public static readonly FeatureState Off = new(false, null);

    public static readonly FeatureState On = new(true, null);

    /// <summary>The share of users who get the feature: 0 when off, 100 when on without a percentage.</summary>
    public int Percentage => Enabled ? RolloutPercentage ?? 100 : 0;
}

/// <summary>Who changes a flag: a signed-in person (their id and address), or the system with no user.</summary>
public sealed record FeatureActor(Guid? UserId, string Name)
{
    public static readonly FeatureActor System = new(null, "system");
}

/// <summary>A flag's state in force, and whether an override or configuration decides it.</summary>
public sealed record FeatureStateView(string FeatureName, FeatureState State, bool IsOverride, DateTimeOffset? UpdatedAt, string? UpdatedBy);
