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
