namespace ProfilePortal.Components.Pricing;

internal static partial class PricingLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "The pricing page could not load the catalogue")]
    public static partial void LoadFailed(ILogger logger, Exception exception);
}
