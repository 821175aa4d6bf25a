using System.Globalization;

namespace ProfilePortal.Domain.Common;

/// <summary>An amount in an ISO 4217 currency. Amounts are decimal, never floating point.</summary>
public readonly record struct Money(decimal Amount, string Currency)
{
    public const string Rub = "RUB";

    private static readonly Dictionary<string, string> Symbols = new(StringComparer.OrdinalIgnoreCase)
    {
        [Rub] = "₽",
        ["USD"] = "$",
        ["EUR"] = "€",
    };

    public static Money Rubles(decimal amount) => new(amount, Rub);

    /// <summary>
    /// The amount as a person of <paramref name="culture"/> reads it: "9 900 ₽" in Russian, "₽9,900" in
    /// English; kopecks only when there are any.
    /// </summary>
    public string Format(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var format = (NumberFormatInfo)culture.NumberFormat.Clone();
        format.CurrencySymbol = Symbols.TryGetValue(Currency, out var symbol) ? symbol : Currency;
        format.CurrencyDecimalDigits = decimal.Truncate(Amount) == Amount ? 0 : 2;
        return Amount.ToString("C", format);
    }

    public override string ToString() => $"{Amount:0.##} {Currency}";
}
