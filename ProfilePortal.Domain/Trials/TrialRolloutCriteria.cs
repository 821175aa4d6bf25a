namespace ProfilePortal.Domain.Trials;

/// <summary>
/// Seed 002's criteria for the trial rollout (phase B). Step 20 %: billing errors below 5 % and a trial-start rate
/// above 8 % (its "trial CR": no trial has converted yet during the first step, so it is the start rate); step
/// 50 %: a trial-start rate above 10 %. Kill: trial conversion charges failing above the configured 10 %. Alert:
/// trial → paid conversion below 15 % (phase B monitoring). "No critical bugs" and "no RPV degradation" are for
/// people to judge.
/// </summary>
public static class TrialRolloutCriteria
{
    public const double StepTwentyBillingErrorsBelow = 5;
    public const double StepTwentyTrialStartAbove = 8;
    public const double StepFiftyTrialStartAbove = 10;
    public const double TrialToPaidAlertBelow = 15;

    public static IReadOnlyList<RolloutCriterion> Evaluate(TrialRolloutMeasurements measured, TrialRolloutOptions options)
    {
        ArgumentNullException.ThrowIfNull(measured);
        return
        [
            Criterion(RolloutMetric.BillingErrors, RolloutCriterionKind.Go, 20, above: false, StepTwentyBillingErrorsBelow, measured.BillingErrors, 1),
            Criterion(RolloutMetric.TrialStartRate, RolloutCriterionKind.Go, 20, above: true, StepTwentyTrialStartAbove, measured.TrialStartRate, 1),
            Criterion(RolloutMetric.TrialStartRate, RolloutCriterionKind.Go, 50, above: true, StepFiftyTrialStartAbove, measured.TrialStartRate, 1),
            Kill(measured.ConversionChargeErrors, options),
            Criterion(RolloutMetric.TrialToPaid, RolloutCriterionKind.Alert, null, above: false, TrialToPaidAlertBelow, measured.TrialToPaid, 1),
        ];
    }

    /// <summary>The kill criterion: the one the switch acts on and the page shows, so both always agree.</summary>
    public static RolloutCriterion Kill(Ratio conversionChargeErrors, TrialRolloutOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Criterion(
            RolloutMetric.ConversionChargeErrors, RolloutCriterionKind.Kill, null, above: true, options.KillThresholdPercent, conversionChargeErrors,
            options.KillMinimumAttempts);
    }

    private static RolloutCriterion Criterion(string metric, RolloutCriterionKind kind, int? step, bool above, double threshold, Ratio value, int minimumSample)
    {
        var status = value.Whole < minimumSample || value.Percent is not { } percent
            ? CriterionStatus.NoData
            : (above ? percent > threshold : percent < threshold) ? CriterionStatus.Met : CriterionStatus.NotMet;
        return new RolloutCriterion(metric, kind, step, above, threshold, value, minimumSample, status);
    }
}
