namespace ProfilePortal.Components.Admin;

internal static partial class AdminQuotaLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "The admin's {Action} failed unexpectedly")]
    public static partial void ActionFailed(ILogger logger, Exception exception, string action);
}
