using ProfilePortal.Domain.Features;

namespace ProfilePortal.Domain.Trials;

/// <summary>A part of a whole, e.g. declined attempts of all attempts; no percentage while the whole is empty.</summary>
public sealed record Ratio(int Part, int Whole)
{
    public static readonly Ratio Empty = new(0, 0);

    public double? Percent => Whole > 0 ? 100d * Part / Whole : null;
}

/// <summary>The names of the figures the rollout's criteria are about, stable for the UI's texts.</summary>
public static class RolloutMetric
{
    /// <summary>New people in the rollout who started a trial, of all new people in it.</summary>
    public const string TrialStartRate = "trial_start_rate";

    /// <summary>Converted trials of all trials that ended.</summary>
    public const string TrialToPaid = "trial_to_paid";

    /// <summary>Declined trial conversion attempts of all settled ones.</summary>
    public const string ConversionChargeErrors = "conversion_charge_errors";

    /// <summary>Declined charge attempts of all settled ones, whatever they paid for.</summary>
    public const string BillingErrors = "billing_errors";
}

/// <summary>
/// The live figures behind the criteria. <see cref="ConversionChargeErrors"/> covers the kill window (since
/// <see cref="KillWindowStart"/>), the others the criteria window (since <see cref="WindowStart"/>).
/// </summary>
public sealed record TrialRolloutMeasurements(
    DateTimeOffset WindowStart,
    DateTimeOffset KillWindowStart,
    DateTimeOffset MeasuredAt,
    int TrialsStarted,
    Ratio TrialStartRate,
    Ratio TrialToPaid,
    Ratio ConversionChargeErrors,
    Ratio BillingErrors);

/// <summary>What a criterion decides.</summary>
public enum RolloutCriterionKind
{
    /// <summary>Met: the step may go on to the next percentage.</summary>
    Go = 0,

    /// <summary>Met: the rollout is stopped (set to 0 %) automatically.</summary>
    Kill = 1,

    /// <summary>Met: seed 002's monitoring alert; an admin looks into it, nothing happens by itself.</summary>
    Alert = 2,
}

/// <summary>Whether a criterion's condition holds now.</summary>
public enum CriterionStatus
{
    /// <summary>Too few events in the window to say.</summary>
    NoData = 0,
    Met = 1,
    NotMet = 2,
}

/// <summary>
/// One of seed 002's rollout criteria with its live value: "<see cref="Metric"/> above (or below)
/// <see cref="ThresholdPercent"/> %", for the step at <see cref="Step"/> % (null: at every step).
/// </summary>
public sealed record RolloutCriterion(
    string Metric, RolloutCriterionKind Kind, int? Step, bool Above, double ThresholdPercent, Ratio Value, int MinimumSample, CriterionStatus Status);

/// <summary>The trial rollout as the admin page shows it.</summary>
/// <param name="Percentage">The share of new people offered a trial now: 0, 20, 50 or 100.</param>
/// <param name="IsConfiguredDefault">True while no admin has changed it: configuration decides.</param>
/// <param name="Since">When the current percentage was set; null when it never changed.</param>
public sealed record TrialRolloutView(
    int Percentage,
    bool IsConfiguredDefault,
    DateTimeOffset? Since,
    TrialRolloutMeasurements Measurements,
    IReadOnlyList<RolloutCriterion> Criteria,
    IReadOnlyList<FeatureChangeView> History);
