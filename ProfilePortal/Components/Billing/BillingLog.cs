namespace ProfilePortal.Components.Billing;

internal static partial class BillingLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "Paying {PaymentId} failed unexpectedly")]
    public static partial void PaymentFailed(ILogger logger, Exception exception, Guid paymentId);

    [LoggerMessage(Level = LogLevel.Error, Message = "The billing page could not load")]
    public static partial void LoadFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "A billing action failed unexpectedly")]
    public static partial void ActionFailed(ILogger logger, Exception exception);
}
