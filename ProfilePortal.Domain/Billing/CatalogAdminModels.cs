using ProfilePortal.Domain.Common;

namespace ProfilePortal.Domain.Billing;

/// <summary>A plan as the admin's plans table shows it, on sale or not.</summary>
public sealed record PlanAdminView(
    string Code, string Name, PlanGeneration Generation, int DurationMonths, Money PricePerMonth, Money Total, int? MonthlyLaunchAllowance, bool IsActive);

/// <summary>A quota pack as the admin's packs table shows it.</summary>
public sealed record QuotaPackAdminView(string Code, string Name, int Launches, Money Price, bool IsActive);

/// <summary>Every plan and pack, in their sort order.</summary>
public sealed record CatalogAdminView(IReadOnlyList<PlanAdminView> Plans, IReadOnlyList<QuotaPackAdminView> Packs);

/// <summary>An edit of a plan: the price per month, the monthly launches (null on Free) and whether it is on sale.</summary>
public sealed record PlanEdit(decimal PricePerMonth, int? MonthlyLaunchAllowance, bool IsActive);

/// <summary>An edit of a quota pack.</summary>
public sealed record QuotaPackEdit(decimal Price, int Launches, bool IsActive);

/// <summary>The catalogue editor's expected refusals; the UI localizes them by code (<c>AdminPlans.Error.{code}</c>).</summary>
public static class CatalogAdminErrors
{
    public const decimal MaxPrice = 1_000_000m;
    public const int MaxLaunches = 1_000_000;

    public static readonly Error PlanNotFound = new("catalog.plan_not_found", "There is no such plan.");

    public static readonly Error PackNotFound = new("catalog.pack_not_found", "There is no such pack.");

    public static readonly Error PriceInvalid = new("catalog.price_invalid", "A price is between 0 and 1,000,000 with at most two decimals.", "price");

    public static readonly Error PaidPlanNeedsPrice = new("catalog.paid_plan_needs_price", "A paid plan costs more than 0.", "price");

    public static readonly Error LaunchesInvalid = new("catalog.launches_invalid", "Launches are a whole number between 1 and 1,000,000.", "launches");

    public static readonly Error FreeFixed = new("catalog.free_fixed", "The Free plan is free, always on sale, and its allowance comes from configuration.");

    public static readonly Error Unchanged = new("catalog.unchanged", "Nothing was changed.");
}
