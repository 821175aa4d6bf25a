namespace ProfilePortal.Domain.Features;

/// <summary>
/// One change of a feature flag, kept for ever: who, when, from which state to which, and why. The admin pages
/// show a flag's history from here (the rollout page today, every flag later); the audit trail has the same fact
/// for auditors. "Configuration" on either side means no override: the configured default was, or is again, in force.
/// </summary>
public sealed class FeatureChange
{
    public const int ReasonMaxLength = 500;
    public const int ActorMaxLength = 256;

    private FeatureChange()
    {
    }

    public Guid Id { get; private set; }

    public string FeatureName { get; private set; } = string.Empty;

    public DateTimeOffset ChangedAt { get; private set; }

    /// <summary>The person who made it; null for the system (the rollout's kill switch).</summary>
    public Guid? ActorUserId { get; private set; }

    /// <summary>The person's address, or "system", as it was at the time.</summary>
    public string Actor { get; private set; } = string.Empty;

    public bool FromEnabled { get; private set; }

    public int? FromRolloutPercentage { get; private set; }

    /// <summary>Whether the state before was the configured default (there was no override).</summary>
    public bool FromConfiguration { get; private set; }

    public bool ToEnabled { get; private set; }

    public int? ToRolloutPercentage { get; private set; }

    /// <summary>Whether the change cleared the override, bringing back the configured default.</summary>
    public bool ToConfiguration { get; private set; }

    public string? Reason { get; private set; }

    public FeatureState From => new(FromEnabled, FromRolloutPercentage);

    public FeatureState To => new(ToEnabled, ToRolloutPercentage);

    public static FeatureChange Record(
        string featureName, FeatureState from, bool fromConfiguration, FeatureState to, bool toConfiguration, FeatureActor actor, string? reason, DateTimeOffset at) => new()
        {
            Id = Guid.CreateVersion7(at),
            FeatureName = featureName,
            ChangedAt = at,
            ActorUserId = actor.UserId,
            Actor = Truncate(actor.Name, ActorMaxLength),
            FromEnabled = from.Enabled,
            FromRolloutPercentage = from.RolloutPercentage,
            FromConfiguration = fromConfiguration,
            ToEnabled = to.Enabled,
            ToRolloutPercentage = to.RolloutPercentage,
            ToConfiguration = toConfiguration,
            Reason = string.IsNullOrWhiteSpace(reason) ? null : Truncate(reason.Trim(), ReasonMaxLength),
        };

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}

/// <summary>A flag change as the admin pages show it.</summary>
public sealed record FeatureChangeView(
    Guid Id, string FeatureName, DateTimeOffset ChangedAt, Guid? ActorUserId, string Actor, FeatureState From, bool FromConfiguration, FeatureState To,
    bool ToConfiguration, string? Reason);
