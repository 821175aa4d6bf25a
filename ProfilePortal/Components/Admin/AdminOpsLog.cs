namespace ProfilePortal.Components.Admin;

/// <summary>The log messages of the outbox and jobs admin pages.</summary>
internal static partial class AdminOpsLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "The admin page could not load its {What}")]
    public static partial void LoadFailed(ILogger logger, Exception exception, string what);

    [LoggerMessage(Level = LogLevel.Error, Message = "An admin action failed unexpectedly: {Action}")]
    public static partial void ActionFailed(ILogger logger, Exception exception, string action);
}
