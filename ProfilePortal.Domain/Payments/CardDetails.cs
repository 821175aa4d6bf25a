namespace ProfilePortal.Domain.Payments;

/// <summary>
/// A card the provider has tokenized. The portal stores only the token and what the customer needs to
/// recognise the card; never the number.
/// </summary>
/// <param name="Token">The provider's token to charge the card later.</param>
/// <param name="Brand">"Visa", "Mastercard", "MIR" … as the provider reports it.</param>
/// <param name="Last4">The last four digits.</param>
/// <param name="ExpiryMonth">1–12.</param>
/// <param name="ExpiryYear">Four digits.</param>
/// <param name="Fingerprint">A stable id of the card across tokens (CloudPayments CardId), for antifraud.</param>
public sealed record CardDetails(string Token, string Brand, string Last4, int ExpiryMonth, int ExpiryYear, string? Fingerprint)
{
    public string Mask => $"•••• {Last4}";

    /// <summary>Whether the card can still be charged in the given month (cards work to the end of their expiry month).</summary>
    public bool IsExpiredAt(DateTimeOffset instant) =>
        instant.UtcDateTime >= new DateTime(ExpiryYear, ExpiryMonth, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1);
}
