namespace ProfilePortal.Domain.Notifications;

/// <summary>The data of one email template. Each model type has exactly one template.</summary>
public interface IEmailModel
{
    /// <summary>A stable name of the template, stored with the message.</summary>
    static abstract string Kind { get; }
}

/// <summary>Sent after sign-up: the link that confirms the address.</summary>
public sealed record ConfirmEmailModel(string DisplayName, string ConfirmationLink) : IEmailModel
{
    public static string Kind => "confirm-email";
}

/// <summary>Sent from "forgot password": the link that sets a new password.</summary>
public sealed record PasswordResetModel(string DisplayName, string ResetLink) : IEmailModel
{
    public static string Kind => "password-reset";
}

/// <summary>Sent after the password changed, so an owner who did not do it can react.</summary>
public sealed record PasswordChangedModel(string DisplayName) : IEmailModel
{
    public static string Kind => "password-changed";
}

/// <summary>Sent after every successful charge: the receipt, with a link to its page on /billing.</summary>
public sealed record PaymentReceiptModel(
    string DisplayName,
    string ReceiptNumber,
    string Description,
    ProfilePortal.Domain.Common.Money Amount,
    DateTimeOffset PaidAt,
    string CardMask,
    DateTimeOffset? PeriodStart,
    DateTimeOffset? PeriodEnd,
    string ReceiptLink) : IEmailModel
{
    public static string Kind => "payment-receipt";
}

/// <summary>Sent when a trial starts: what it is, when it converts and for how much, and how to cancel.</summary>
public sealed record TrialStartedModel(
    string DisplayName, string PlanName, ProfilePortal.Domain.Common.Money Amount, DateTimeOffset ConvertsAt, string CardMask, string CancelLink) : IEmailModel
{
    public static string Kind => "trial-started";
}

/// <summary>
/// Sent 24 hours and 1 hour before a trial converts: the plan, the amount, the date in the customer's time
/// zone, and the path to cancel in one click on the page it opens.
/// </summary>
public sealed record TrialReminderModel(
    string DisplayName, string PlanName, ProfilePortal.Domain.Common.Money Amount, DateTimeOffset ConvertsAt, string TimeZone, TimeSpan Lead,
    string CardMask, string CancelLink) : IEmailModel
{
    public static string Kind => "trial-reminder";
}

/// <summary>Sent when the customer cancels a trial: nothing will be charged, access runs to the trial's end.</summary>
public sealed record TrialCancelledModel(string DisplayName, string PlanName, DateTimeOffset AccessEndsAt, string PricingLink) : IEmailModel
{
    public static string Kind => "trial-cancelled";
}

/// <summary>
/// Sent when the customer cancels a paid plan: access runs to the period end, nothing more is charged, and the
/// plan can still be resumed from the billing page until then.
/// </summary>
public sealed record SubscriptionCancelledModel(string DisplayName, string PlanName, DateTimeOffset AccessEndsAt, string BillingLink) : IEmailModel
{
    public static string Kind => "subscription-cancelled";
}

/// <summary>
/// Sent on every refused renewal or trial conversion (dunning): what failed and why, whether it will be tried
/// again or needs another card, and when access ends unless it is paid.
/// </summary>
public sealed record PaymentFailedModel(
    string DisplayName,
    string Description,
    ProfilePortal.Domain.Common.Money Amount,
    string CardMask,
    string Reason,
    bool NeedsNewCard,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset AccessEndsAt,
    string UpdateCardLink) : IEmailModel
{
    public static string Kind => "payment-failed";
}

/// <summary>Sent when the grace period ends unpaid: the organization is back on Free, and how to come back.</summary>
public sealed record SubscriptionExpiredModel(string DisplayName, string PlanName, string PricingLink) : IEmailModel
{
    public static string Kind => "subscription-expired";
}
