namespace ProfilePortal.Components.Organizations;

/// <summary>The members and invitation pages' log messages; no addresses or names, only what failed.</summary>
internal static partial class MembersLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "The members page failed to load")]
    public static partial void LoadFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "A members page action failed")]
    public static partial void ActionFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The invitation page failed")]
    public static partial void InvitationFailed(ILogger logger, Exception exception);
}
