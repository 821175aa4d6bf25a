namespace ProfilePortal.Components.Profile;

/// <summary>What the profile page logs when the database lets it down; the user sees a retry, the details go here.</summary>
internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Error, Message = "The profile page could not load its data")]
    public static partial void PageLoadFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Older activity could not be loaded")]
    public static partial void ActivityLoadFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "A profile edit could not be saved")]
    public static partial void SaveFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The plans dialog could not load the catalogue")]
    public static partial void CatalogFailed(ILogger logger, Exception exception);
}
