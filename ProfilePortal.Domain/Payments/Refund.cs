using ProfilePortal.Domain.Common;

namespace ProfilePortal.Domain.Payments;

/// <summary>Money returned on a payment, with who decided it and why.</summary>
public sealed class Refund
{
    public const int ReasonMaxLength = 500;

    private Refund()
    {
    }

    public Guid Id { get; private set; }

    public Guid PaymentId { get; private set; }

    public Guid OrganizationId { get; private set; }

    public decimal Amount { get; private set; }

    public string Currency { get; private set; } = Money.Rub;

    public string Reason { get; private set; } = string.Empty;

    /// <summary>The admin who refunded, or null when the provider reported a refund made elsewhere.</summary>
    public Guid? ByUserId { get; private set; }

    public string? ProviderRefundId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public Money Total => new(Amount, Currency);

    public static Refund Record(Payment payment, decimal amount, string reason, Guid? byUserId, string? providerRefundId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(payment);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new Refund
        {
            Id = Guid.CreateVersion7(now),
            PaymentId = payment.Id,
            OrganizationId = payment.OrganizationId,
            Amount = amount,
            Currency = payment.Currency,
            Reason = reason.Trim().Length <= ReasonMaxLength ? reason.Trim() : reason.Trim()[..ReasonMaxLength],
            ByUserId = byUserId,
            ProviderRefundId = providerRefundId,
            CreatedAt = now,
        };
    }
}
