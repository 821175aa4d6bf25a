using System.Globalization;
using ProfilePortal.Domain.Common;

namespace ProfilePortal.Components.Shared;

/// <summary>
/// Prices as the reader's culture writes them: its digit grouping and currency pattern, the currency's own sign
/// ("3 900 ₽" in Russian, "₽3,900" in English), kopecks only when there are some.
/// </summary>
public static class MoneyFormat
{
    private static readonly Dictionary<string, string> Symbols = new(StringComparer.OrdinalIgnoreCase)
    {
        [Money.Rub] = "₽",
        ["USD"] = "$",
        ["EUR"] = "€",
    };

    public static string Format(Money money, CultureInfo? culture = null)
    {
        culture ??= CultureInfo.CurrentCulture;
        var format = (NumberFormatInfo)culture.NumberFormat.Clone();
        format.CurrencySymbol = Symbols.TryGetValue(money.Currency, out var symbol) ? symbol : money.Currency;
        var decimals = decimal.Truncate(money.Amount) == money.Amount ? 0 : 2;
        return money.Amount.ToString("C" + decimals.ToString(CultureInfo.InvariantCulture), format);
    }
}
