using System.Globalization;
using ProfilePortal.Domain.Common;

namespace ProfilePortal.Components.Shared;

/// <summary>Prices in the reader's culture (see <see cref="Money.Format"/>): "3 900 ₽" in Russian, "₽3,900" in English.</summary>
public static class MoneyFormat
{
    public static string Format(Money money, CultureInfo? culture = null) => money.Format(culture ?? CultureInfo.CurrentCulture);
}
