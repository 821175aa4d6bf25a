using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Payments;

namespace ProfilePortal.Domain.Trials;

/// <summary>
/// Whether the trial call to action shows for a user, and on what terms. <see cref="Available"/> is false with
/// the reason's code when the user cannot start one (already used, paid plan running, not a billing manager,
/// not in the rollout).
/// </summary>
public sealed record TrialOffer(bool Available, string? UnavailableCode, TimeSpan Length, CardSummary? SavedCard)
{
    public static TrialOffer Unavailable(Error reason, TimeSpan length) => new(false, reason.Code, length, null);
}

/// <summary>A trial as the banner, the billing page and the emails describe it.</summary>
public sealed record TrialStatus(string PlanCode, string PlanName, Money Amount, DateTimeOffset StartedAt, DateTimeOffset EndsAt, bool Cancelled)
{
    /// <summary>Whole days left, counting a started day as one ("1 day left" on the last day, never "0").</summary>
    public int DaysLeft(DateTimeOffset now) => now >= EndsAt ? 0 : (int)Math.Ceiling((EndsAt - now).TotalDays);
}
