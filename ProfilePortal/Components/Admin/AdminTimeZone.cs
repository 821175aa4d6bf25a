using ProfilePortal.Domain.Organizations;

namespace ProfilePortal.Components.Admin;

/// <summary>
/// The signed-in admin's own time zone, for the times an admin page shows. A page that cannot read it still loads,
/// with its times in UTC (null).
/// </summary>
internal static partial class AdminTimeZone
{
    public static async Task<string?> LoadAsync(OrganizationAccess organizations, Guid adminId, ILogger logger)
    {
        try
        {
            return (await organizations.GetWorkspaceAsync(adminId))?.TimeZone;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogFailed(logger, exception);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not read the admin's time zone; the page shows times in UTC")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
