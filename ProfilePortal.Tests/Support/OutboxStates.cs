using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Notifications;

namespace ProfilePortal.Tests.Support;

/// <summary>Outbox messages in each status, brought there the way the dispatcher would.</summary>
public static class OutboxStates
{
    public const string FailedError = "SMTP said no";

    public static async Task<EmailMessage> StoreAsync(this PortalServices portal, EmailStatus status, string? to = null, string subject = "Subject")
    {
        var now = portal.Clock.GetUtcNow();
        var message = EmailMessage.Queue(
            "test", to ?? Builders.UniqueEmail("outbox"), "en",
            Outbox.Content(subject) with { UnsubscribeUrl = status == EmailStatus.Suppressed ? "https://portal.test/unsubscribe/x" : null },
            now);
        switch (status)
        {
            case EmailStatus.Sent:
                message.Claim(now, TimeSpan.FromMinutes(1));
                message.MarkSent(now);
                break;
            case EmailStatus.Failed:
                for (var i = 0; i < EmailMessage.MaxAttempts; i++)
                {
                    message.MarkFailed(FailedError, now);
                }

                break;
            case EmailStatus.Suppressed:
                message.Suppress(now);
                break;
            case EmailStatus.Pending:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(status));
        }

        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        db.EmailMessages.Add(message);
        await db.SaveChangesAsync();
        return message;
    }
}
