using ProfilePortal.Domain.Notifications;

namespace ProfilePortal.Domain.Trials;

/// <summary>
/// Sent to every admin when the kill switch stops the trial rollout: what was measured against which threshold,
/// since when, and the link to the rollout page where the rollout can be raised again.
/// </summary>
/// <param name="DisplayName">How the admin is greeted.</param>
/// <param name="PreviousPercentage">The share of new people offered a trial before the stop.</param>
/// <param name="Declined">Declined conversion attempts in the window.</param>
/// <param name="Attempts">Settled conversion attempts in the window.</param>
/// <param name="MeasuredSince">The window's start, already in <paramref name="TimeZone"/>.</param>
/// <param name="StoppedAt">When the switch fired, already in <paramref name="TimeZone"/>.</param>
/// <param name="TimeZone">The admin's IANA time zone, "UTC" when they chose none.</param>
public sealed record TrialRolloutStoppedModel(
    string DisplayName,
    int PreviousPercentage,
    int Declined,
    int Attempts,
    double ThresholdPercent,
    DateTimeOffset MeasuredSince,
    DateTimeOffset StoppedAt,
    string TimeZone,
    string RolloutsLink) : IEmailModel
{
    public static string Kind => "trial-rollout-stopped";

    public double ErrorRatePercent => Attempts > 0 ? 100d * Declined / Attempts : 0;
}
