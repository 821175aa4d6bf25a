using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Notifications;
using ProfilePortal.Domain.Payments;

namespace ProfilePortal.Domain.Retention;

/// <summary>
/// A paused subscription as the banner and the billing page show it: since when, until when, and the first charge
/// after the pause (when the paid time left at the pause has run out again), or null when nothing is due.
/// </summary>
public sealed record PauseStatus(string PlanCode, string PlanName, DateTimeOffset PausedAt, DateTimeOffset PauseEndsAt, NextCharge? NextCharge);

/// <summary>
/// Sent when a subscription is paused: until when, what the pause means (no charges, read-only access, no launches
/// or purchases), that it resumes by itself and what is charged then, and the billing page to resume early.
/// Instants are in the customer's time zone (<paramref name="TimeZone"/>, empty for UTC).
/// </summary>
public sealed record PauseStartedModel(
    string DisplayName, string PlanName, DateTimeOffset PausedUntil, Money Amount, DateTimeOffset ChargeAt, string TimeZone, string BillingLink) : IEmailModel
{
    public static string Kind => "pause-started";
}

/// <summary>
/// Sent once per pause a few days (<c>Retention:PauseReminderLead</c>) before it ends: the subscription resumes on
/// <paramref name="ResumesAt"/> and <paramref name="Amount"/> is charged on <paramref name="ChargeAt"/> to the card
/// <paramref name="CardMask"/> (empty when there is none on file).
/// </summary>
public sealed record PauseReminderModel(
    string DisplayName, string PlanName, DateTimeOffset ResumesAt, Money Amount, DateTimeOffset ChargeAt, string TimeZone, string CardMask,
    string BillingLink) : IEmailModel
{
    public static string Kind => "pause-reminder";
}
