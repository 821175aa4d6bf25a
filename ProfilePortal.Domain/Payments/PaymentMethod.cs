namespace ProfilePortal.Domain.Payments;

/// <summary>
/// An organization's saved card: the provider's token and what the customer needs to recognise it. An
/// organization has at most one active card; replacing it retires the old one, which stays for the history.
/// </summary>
public sealed class PaymentMethod
{
    private PaymentMethod()
    {
    }

    public Guid Id { get; private set; }

    public Guid OrganizationId { get; private set; }

    /// <summary>The gateway that issued the token; a token only works with its own provider.</summary>
    public string Provider { get; private set; } = string.Empty;

    public string Token { get; private set; } = string.Empty;

    public string Brand { get; private set; } = string.Empty;

    public string Last4 { get; private set; } = string.Empty;

    public int ExpiryMonth { get; private set; }

    public int ExpiryYear { get; private set; }

    /// <summary>A stable id of the card across tokens, for antifraud; null when the provider gives none.</summary>
    public string? Fingerprint { get; private set; }

    public Guid? AddedByUserId { get; private set; }

    public DateTimeOffset AddedAt { get; private set; }

    public DateTimeOffset? RemovedAt { get; private set; }

    public bool IsActive => RemovedAt is null;

    public string Mask => $"•••• {Last4}";

    public CardDetails Card => new(Token, Brand, Last4, ExpiryMonth, ExpiryYear, Fingerprint);

    public static PaymentMethod Save(Guid organizationId, string provider, CardDetails card, Guid? addedBy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentException.ThrowIfNullOrWhiteSpace(provider);
        ArgumentException.ThrowIfNullOrWhiteSpace(card.Token);
        ArgumentOutOfRangeException.ThrowIfLessThan(card.ExpiryMonth, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(card.ExpiryMonth, 12);
        return new PaymentMethod
        {
            Id = Guid.CreateVersion7(now),
            OrganizationId = organizationId,
            Provider = provider,
            Token = card.Token,
            Brand = card.Brand,
            Last4 = card.Last4,
            ExpiryMonth = card.ExpiryMonth,
            ExpiryYear = card.ExpiryYear,
            Fingerprint = card.Fingerprint,
            AddedByUserId = addedBy,
            AddedAt = now,
        };
    }

    public void Remove(DateTimeOffset now) => RemovedAt ??= now;
}
