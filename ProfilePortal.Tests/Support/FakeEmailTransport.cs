using ProfilePortal.Domain.Notifications;

namespace ProfilePortal.Tests.Support;

/// <summary>An SMTP server in memory: records what it accepts, or fails as told.</summary>
public sealed class FakeEmailTransport : IEmailTransport
{
    private readonly List<EmailMessage> _sent = [];

    public IReadOnlyList<EmailMessage> Sent => _sent;

    /// <summary>When set, every send throws this fault instead of accepting the message.</summary>
    public string? FailWith { get; set; }

    /// <summary>Runs inside a send, before it completes: lets a test act while a message is claimed.</summary>
    public Func<EmailMessage, Task>? DuringSend { get; set; }

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        if (DuringSend is { } during)
        {
            await during(message);
        }

        if (FailWith is { } error)
        {
            throw new EmailDeliveryException(error);
        }

        _sent.Add(message);
    }
}
