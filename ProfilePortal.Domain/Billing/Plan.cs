using ProfilePortal.Domain.Common;

namespace ProfilePortal.Domain.Billing;

/// <summary>A subscription plan. Reference data: seeded by migration-time seeding, changed only by releases.</summary>
public sealed class Plan
{
    public const string FreeCode = "free";

    private Plan()
    {
    }

    public string Code { get; private set; } = string.Empty;

    public string Name { get; private set; } = string.Empty;

    public PlanGeneration Generation { get; private set; }

    /// <summary>Whether the plan is on sale. Inactive plans keep renewing for their subscribers.</summary>
    public bool IsActive { get; private set; }

    public int DurationMonths { get; private set; }

    public decimal PricePerMonth { get; private set; }

    public decimal TotalPrice { get; private set; }

    public string Currency { get; private set; } = Money.Rub;

    /// <summary>Launches per month; null on the Free plan, whose allowance comes from configuration.</summary>
    public int? MonthlyLaunchAllowance { get; private set; }

    public int SortOrder { get; private set; }

    public bool IsFree => Generation == PlanGeneration.Free;

    public Money Total => new(TotalPrice, Currency);

    public Money MonthlyPrice => new(PricePerMonth, Currency);

    public static Plan Create(
        string code,
        string name,
        PlanGeneration generation,
        bool isActive,
        int durationMonths,
        decimal pricePerMonth,
        int? monthlyLaunchAllowance,
        int sortOrder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentOutOfRangeException.ThrowIfLessThan(durationMonths, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(pricePerMonth);
        return new Plan
        {
            Code = code,
            Name = name,
            Generation = generation,
            IsActive = isActive,
            DurationMonths = durationMonths,
            PricePerMonth = pricePerMonth,
            TotalPrice = pricePerMonth * durationMonths,
            MonthlyLaunchAllowance = monthlyLaunchAllowance,
            SortOrder = sortOrder,
        };
    }

    /// <summary>
    /// An admin's edit: the price per month (the total follows from the duration), the monthly allowance and whether
    /// the plan is on sale. Subscribers are charged the new total from their next renewal (ADR-014).
    /// </summary>
    public void Edit(decimal pricePerMonth, int? monthlyLaunchAllowance, bool isActive)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pricePerMonth);
        PricePerMonth = pricePerMonth;
        TotalPrice = pricePerMonth * DurationMonths;
        MonthlyLaunchAllowance = monthlyLaunchAllowance;
        IsActive = isActive;
    }
}
