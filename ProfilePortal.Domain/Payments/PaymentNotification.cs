namespace ProfilePortal.Domain.Payments;

/// <summary>
/// A notification a provider sent, stored once: its key is unique per provider and kind, so a replay finds
/// the first one and is answered the same way without doing anything twice.
/// </summary>
public sealed class PaymentNotification
{
    public const int BodyMaxLength = 8000;

    private PaymentNotification()
    {
    }

    public Guid Id { get; private set; }

    public string Provider { get; private set; } = string.Empty;

    /// <summary>"check", "pay", "fail", "refund", "recurrent".</summary>
    public string Kind { get; private set; } = string.Empty;

    /// <summary>The provider's id of what it reports: a transaction id, or a subscription id with its status.</summary>
    public string ExternalId { get; private set; } = string.Empty;

    public string? InvoiceId { get; private set; }

    /// <summary>The body as received (without card data beyond the mask the provider sends), for support.</summary>
    public string Body { get; private set; } = string.Empty;

    /// <summary>The code answered to the provider.</summary>
    public int ResultCode { get; private set; }

    public DateTimeOffset ReceivedAt { get; private set; }

    public static PaymentNotification Receive(
        string provider, string kind, string externalId, string? invoiceId, string body, int resultCode, DateTimeOffset now) => new()
        {
            Id = Guid.CreateVersion7(now),
            Provider = provider,
            Kind = kind,
            ExternalId = externalId,
            InvoiceId = invoiceId,
            Body = body.Length <= BodyMaxLength ? body : body[..BodyMaxLength],
            ResultCode = resultCode,
            ReceivedAt = now,
        };
}
