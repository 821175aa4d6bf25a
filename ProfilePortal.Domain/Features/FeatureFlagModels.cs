namespace ProfilePortal.Domain.Features;

/// <summary>One flag as the flags page lists it: the configured default, the override (if any) and what is in force.</summary>
/// <param name="Name">The flag's name from <see cref="FeatureNames.All"/>.</param>
/// <param name="Default">The state configuration gives it.</param>
/// <param name="Override">The admin's override; null while configuration decides.</param>
/// <param name="OverriddenAt">When the override was last set.</param>
/// <param name="OverriddenBy">Who set it.</param>
/// <param name="ManagedElsewhere">True for the trial rollout, which has its own page and steps.</param>
public sealed record FeatureFlagView(
    string Name, FeatureState Default, FeatureState? Override, DateTimeOffset? OverriddenAt, string? OverriddenBy, bool ManagedElsewhere)
{
    /// <summary>The state in force: the override when there is one, else the default.</summary>
    public FeatureState Effective => Override ?? Default;
}

/// <summary>What an admin does to a flag.</summary>
public enum FeatureFlagAction
{
    /// <summary>On for everyone.</summary>
    On,

    /// <summary>Off for everyone.</summary>
    Off,

    /// <summary>On for a sticky share of users (0–100 %).</summary>
    Percentage,

    /// <summary>Drop the override: the configured default is in force again.</summary>
    ClearOverride,
}

/// <summary>A change asked for on the flags page.</summary>
/// <param name="Action">On, off, a percentage or back to the default.</param>
/// <param name="Percentage">The share for <see cref="FeatureFlagAction.Percentage"/>; ignored otherwise.</param>
public sealed record FeatureFlagChange(FeatureFlagAction Action, int? Percentage = null)
{
    /// <summary>The state the change puts in force, or null when it clears the override.</summary>
    public FeatureState? Target => Action switch
    {
        FeatureFlagAction.On => FeatureState.On,
        FeatureFlagAction.Off => FeatureState.Off,
        FeatureFlagAction.Percentage => new FeatureState(Percentage > 0, Percentage),
        FeatureFlagAction.ClearOverride => null,
        _ => throw new ArgumentOutOfRangeException(nameof(Action), Action, null),
    };
}
