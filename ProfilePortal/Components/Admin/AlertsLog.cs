namespace ProfilePortal.Components.Admin;

internal static partial class AlertsLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "The admin home could not load the alerts")]
    public static partial void AlertsLoadFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Acknowledging an alert failed unexpectedly")]
    public static partial void AcknowledgeFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The audit log could not load")]
    public static partial void AuditLoadFailed(ILogger logger, Exception exception);
}
