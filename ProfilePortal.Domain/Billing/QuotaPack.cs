using ProfilePortal.Domain.Common;

namespace ProfilePortal.Domain.Billing;

/// <summary>A one-off top-up of launches for the current quota period.</summary>
public sealed class QuotaPack
{
    private QuotaPack()
    {
    }

    public string Code { get; private set; } = string.Empty;

    public string Name { get; private set; } = string.Empty;

    public int Launches { get; private set; }

    public decimal Price { get; private set; }

    public string Currency { get; private set; } = Money.Rub;

    public bool IsActive { get; private set; }

    public int SortOrder { get; private set; }

    public Money Amount => new(Price, Currency);

    public static QuotaPack Create(string code, string name, int launches, decimal price, int sortOrder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentOutOfRangeException.ThrowIfLessThan(launches, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(price);
        return new QuotaPack
        {
            Code = code,
            Name = name,
            Launches = launches,
            Price = price,
            IsActive = true,
            SortOrder = sortOrder,
        };
    }

    /// <summary>An admin's edit of the pack's price, launches and whether it is on sale; applies to purchases from now on.</summary>
    public void Edit(decimal price, int launches, bool isActive)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(price);
        ArgumentOutOfRangeException.ThrowIfLessThan(launches, 1);
        Price = price;
        Launches = launches;
        IsActive = isActive;
    }
}
