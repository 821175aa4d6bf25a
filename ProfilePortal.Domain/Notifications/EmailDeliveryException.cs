namespace ProfilePortal.Domain.Notifications;

/// <summary>
/// A delivery attempt failed. <see cref="Exception.Message"/> is safe to store with the message and show
/// to an admin: no recipient, no body, no credentials. The library's fault is kept as the inner exception.
/// </summary>
public sealed class EmailDeliveryException : Exception
{
    public EmailDeliveryException()
    {
    }

    public EmailDeliveryException(string message)
        : base(message)
    {
    }

    public EmailDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
