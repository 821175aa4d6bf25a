using System.Globalization;

namespace ProfilePortal.Infrastructure.Payments.CloudPayments;

/// <summary>A card's expiry as CloudPayments writes it, "MM/YY"; <see cref="Year"/> has four digits.</summary>
public readonly record struct CloudPaymentsCardExpiry(int Month, int Year)
{
    public static bool TryParse(string? text, out CloudPaymentsCardExpiry expiry)
    {
        expiry = default;
        if (text is not { Length: 5 } || text[2] != '/'
            || !int.TryParse(text.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            || !int.TryParse(text.AsSpan(3, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || month is < 1 or > 12)
        {
            return false;
        }

        expiry = new CloudPaymentsCardExpiry(month, 2000 + year);
        return true;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Month:00}/{Year % 100:00}");
}
