namespace ProfilePortal.Components.Admin;

internal static partial class CustomerLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "The admin customer pages could not load {What}")]
    public static partial void LoadFailed(ILogger logger, Exception exception, string what);
}
