using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using ProfilePortal.Domain.Notifications;

namespace ProfilePortal.Infrastructure.Email;

/// <summary>
/// Maps MailKit and socket faults onto messages that are safe to store and show to an admin. The server's
/// own reply text is left out on purpose: it often quotes the recipient's address.
/// </summary>
internal static class SmtpFaults
{
    public static EmailDeliveryException? Translate(Exception exception) => exception switch
    {
        SmtpCommandException command => new EmailDeliveryException(
            $"The mail server refused the message: {command.ErrorCode} ({(int)command.StatusCode}).", exception),
        AuthenticationException => new EmailDeliveryException("The mail server rejected the SMTP credentials.", exception),
        SslHandshakeException => new EmailDeliveryException("The TLS handshake with the mail server failed.", exception),
        SmtpProtocolException => new EmailDeliveryException("The mail server broke the SMTP protocol.", exception),
        SocketException socket => new EmailDeliveryException($"The mail server could not be reached ({socket.SocketErrorCode}).", exception),
        TimeoutException => new EmailDeliveryException("The mail server did not answer in time.", exception),
        IOException => new EmailDeliveryException("The connection to the mail server failed.", exception),
        ServiceNotConnectedException or ServiceNotAuthenticatedException =>
            new EmailDeliveryException("The mail server closed the session.", exception),
        NotSupportedException => new EmailDeliveryException("The mail server does not support the configured security mode.", exception),
        ParseException => new EmailDeliveryException("The recipient address is not valid.", exception),
        _ => null,
    };
}
