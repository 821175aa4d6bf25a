using Microsoft.Extensions.Logging;

namespace ProfilePortal.Domain.Notifications;

// Log events name the message by id and template only: never the recipient, the subject or the body.
public sealed partial class EmailDispatcher
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Email {MessageId} ({Kind}) sent after {Attempts} attempt(s)")]
    private partial void LogSent(Guid messageId, string kind, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Email {MessageId} ({Kind}) attempt {Attempts} failed, next attempt at {NextAttemptAt}: {Error}")]
    private partial void LogRetrying(Guid messageId, string kind, int attempts, DateTimeOffset nextAttemptAt, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Email {MessageId} ({Kind}) failed for good after {Attempts} attempts: {Error}")]
    private partial void LogGaveUp(Guid messageId, string kind, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected error while sending email {MessageId}")]
    private partial void LogUnexpectedFailure(Exception exception, Guid messageId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Email {MessageId} ({Kind}) not sent: the recipient opted out of marketing email")]
    private partial void LogSuppressed(Guid messageId, string kind);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Email {MessageId} was claimed by another dispatcher")]
    private partial void LogClaimLost(Guid messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Email {MessageId}: the lease ran out before the outcome was saved; another dispatcher owns it now")]
    private partial void LogOutcomeLost(Guid messageId);
}
