using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ProfilePortal.Domain.Notifications;

namespace ProfilePortal.Infrastructure.Email;

/// <summary>
/// Sends over SMTP with MailKit, one connection per message: portal mail is a trickle, and a fresh
/// connection never inherits a broken session from the previous send.
/// </summary>
internal sealed partial class MailKitEmailTransport(IOptionsMonitor<SmtpOptions> options, ILogger<MailKitEmailTransport> logger)
    : IEmailTransport
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var settings = options.CurrentValue;
        try
        {
            var mime = EmailMimeBuilder.Build(message, settings);
            using var client = await ConnectAsync(settings, cancellationToken);
            await client.SendAsync(mime, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && SmtpFaults.Translate(ex) is { } fault)
        {
            LogSendFailed(message.Id, ex.GetType().Name, fault.Message);
            throw fault;
        }
    }

    /// <summary>Opens an authenticated session as the options say; the caller disposes it.</summary>
    internal static async Task<SmtpClient> ConnectAsync(SmtpOptions settings, CancellationToken cancellationToken)
    {
        var client = new SmtpClient { Timeout = (int)TimeSpan.FromSeconds(settings.TimeoutSeconds).TotalMilliseconds };
        try
        {
            await client.ConnectAsync(settings.Host, settings.Port, ToMailKit(settings.Security), cancellationToken);
            if (!string.IsNullOrEmpty(settings.UserName))
            {
                await client.AuthenticateAsync(settings.UserName, settings.Password ?? string.Empty, cancellationToken);
            }

            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private static SecureSocketOptions ToMailKit(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        SmtpSecurity.Auto => SecureSocketOptions.Auto,
        _ => throw new ArgumentOutOfRangeException(nameof(security), security, "Unknown SMTP security mode."),
    };

    // The fault's type and our safe text only: MailKit's own messages may quote the recipient.
    [LoggerMessage(Level = LogLevel.Warning, Message = "SMTP delivery of email {MessageId} failed with {FaultType}: {Reason}")]
    private partial void LogSendFailed(Guid messageId, string faultType, string reason);
}
