using ProfilePortal.Domain.Common;

namespace ProfilePortal.Domain.Features;

/// <summary>The flags page's expected refusals; the UI localizes them by code (<c>AdminFlags.Error.{code}</c>).</summary>
public static class FeatureFlagErrors
{
    public static readonly Error Unknown = new("flags.unknown", "There is no such feature flag.");

    public static readonly Error ManagedElsewhere = new("flags.managed_elsewhere", "The trial rollout is changed on its own page.");

    public static readonly Error PercentageInvalid = new("flags.percentage_invalid", "A percentage is between 0 and 100.", "percentage");

    public static readonly Error ReasonRequired = new("flags.reason_required", "Say why the flag changes.", "reason");

    public static readonly Error ReasonTooLong = new("flags.reason_too_long", "The reason is at most 500 characters.", "reason");

    public static readonly Error Unchanged = new("flags.unchanged", "The flag is already in that state.");
}
