namespace ProfilePortal.Components.Admin;

internal static partial class AdminLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "The rollouts page could not load")]
    public static partial void RolloutsLoadFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Changing the trial rollout failed unexpectedly")]
    public static partial void RolloutChangeFailed(ILogger logger, Exception exception);
}
