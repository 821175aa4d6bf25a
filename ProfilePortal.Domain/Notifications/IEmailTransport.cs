namespace ProfilePortal.Domain.Notifications;

/// <summary>Hands one message to the mail server. The dispatcher decides when and whether to call it.</summary>
public interface IEmailTransport
{
    /// <summary>
    /// Sends <paramref name="message"/> and returns once the server accepted it. Throws
    /// <see cref="EmailDeliveryException"/> when the server refused it or could not be reached; the adapter
    /// translates its library's faults so that the message is safe to store and show to an admin.
    /// </summary>
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default);
}
