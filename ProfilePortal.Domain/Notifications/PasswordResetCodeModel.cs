namespace ProfilePortal.Domain.Notifications;

/// <summary>Sent when a client asks for a reset code instead of a link (Identity's API flow).</summary>
public sealed record PasswordResetCodeModel(string DisplayName, string ResetCode) : IEmailModel
{
    public static string Kind => "password-reset-code";
}
