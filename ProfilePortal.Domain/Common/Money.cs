namespace ProfilePortal.Domain.Common;

/// <summary>An amount in an ISO 4217 currency. Amounts are decimal, never floating point.</summary>
public readonly record struct Money(decimal Amount, string Currency)
{
    public const string Rub = "RUB";

    public static Money Rubles(decimal amount) => new(amount, Rub);

    public override string ToString() => $"{Amount:0.##} {Currency}";
}
