namespace ProfilePortal.Components.Admin;

internal static partial class FraudLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "The fraud review queue could not load its {List}")]
    public static partial void LoadFailed(ILogger logger, Exception exception, string list);

    [LoggerMessage(Level = LogLevel.Error, Message = "A fraud review action failed unexpectedly")]
    public static partial void ActionFailed(ILogger logger, Exception exception);
}
