namespace ProfilePortal.Components.Organizations;

internal static partial class OrganizationsLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "The organizations could not load")]
    public static partial void LoadFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "An organization action failed unexpectedly")]
    public static partial void ActionFailed(ILogger logger, Exception exception);
}
