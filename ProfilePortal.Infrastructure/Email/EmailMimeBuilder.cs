using MimeKit;
using ProfilePortal.Domain.Notifications;

namespace ProfilePortal.Infrastructure.Email;

/// <summary>Turns an outbox row into the MIME message that goes on the wire.</summary>
internal static class EmailMimeBuilder
{
    public static MimeMessage Build(EmailMessage message, SmtpOptions options)
    {
        var mime = new MimeMessage
        {
            // Derived from the row's id, so a retry after a crash between the server's "250 OK" and our
            // database write carries the same Message-Id and receivers can drop the duplicate.
            MessageId = MessageIdFor(message, options),
            Subject = message.Subject,
            Body = new BodyBuilder { HtmlBody = message.HtmlBody, TextBody = message.TextBody }.ToMessageBody(),
        };
        mime.From.Add(new MailboxAddress(options.FromName, options.FromAddress));
        mime.To.Add(MailboxAddress.Parse(message.ToAddress));

        if (message.UnsubscribeUrl is { Length: > 0 } unsubscribe)
        {
            // RFC 8058 one-click unsubscribe: mail clients POST "List-Unsubscribe=One-Click" to the URL.
            mime.Headers.Add("List-Unsubscribe", $"<{unsubscribe}>");
            mime.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }

        return mime;
    }

    public static string MessageIdFor(EmailMessage message, SmtpOptions options) =>
        $"{message.Id:N}@{options.MessageIdDomain}";
}
