namespace ProfilePortal.Components.Admin;

internal static partial class PlansLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "The plans page could not load")]
    public static partial void LoadFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Editing a plan or pack failed unexpectedly")]
    public static partial void EditFailed(ILogger logger, Exception exception);
}
