namespace ProfilePortal.Components.Admin;

internal static partial class FlagsLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "The flags page could not load")]
    public static partial void LoadFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Changing a feature flag failed unexpectedly")]
    public static partial void ChangeFailed(ILogger logger, Exception exception);
}
