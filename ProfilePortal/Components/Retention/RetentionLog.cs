namespace ProfilePortal.Components.Retention;

internal static partial class RetentionLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "The pause banner could not load; it is hidden")]
    public static partial void BannerFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The pause panel could not load")]
    public static partial void PanelFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Resuming a paused subscription failed")]
    public static partial void ResumeFailed(ILogger logger, Exception exception);
}
