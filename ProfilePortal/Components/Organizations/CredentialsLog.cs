namespace ProfilePortal.Components.Organizations;

/// <summary>The credentials screens' log messages: ids only, never a name, note or value.</summary>
internal static partial class CredentialsLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "The credentials of organization {OrganizationId} failed to load")]
    public static partial void LoadFailed(ILogger logger, Exception exception, Guid organizationId);

    [LoggerMessage(Level = LogLevel.Error, Message = "A credential of organization {OrganizationId} failed to save")]
    public static partial void SaveFailed(ILogger logger, Exception exception, Guid organizationId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Credential {CredentialId} failed to reveal")]
    public static partial void RevealFailed(ILogger logger, Exception exception, Guid credentialId);
}
