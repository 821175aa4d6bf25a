namespace ProfilePortal.Components.Trials;

internal static partial class TrialLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "The trial banner could not load; it is hidden")]
    public static partial void BannerFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The trial offer could not load; the call to action is hidden")]
    public static partial void CtaFailed(ILogger logger, Exception exception);
}
