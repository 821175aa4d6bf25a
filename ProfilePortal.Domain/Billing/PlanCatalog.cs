namespace ProfilePortal.Domain.Billing;

/// <summary>
/// The reference price list (seed 002 phase A; legacy prices and allowances: docs/decisions/ADR-002).
/// The database is seeded from it and kept in step with it at every start.
/// </summary>
public static class PlanCatalog
{
    public static IReadOnlyList<Plan> Plans { get; } =
    [
        Plan.Create(Plan.FreeCode, "Free", PlanGeneration.Free, isActive: true, durationMonths: 1, pricePerMonth: 0m, monthlyLaunchAllowance: null, sortOrder: 0),
        Plan.Create("monthly", "Monthly (legacy)", PlanGeneration.Legacy, isActive: false, 1, 2990m, 300, 100),
        Plan.Create("annual", "Annual (legacy)", PlanGeneration.Legacy, isActive: false, 12, 2490m, 300, 101),
        Plan.Create("3year", "3 years (legacy)", PlanGeneration.Legacy, isActive: false, 36, 1990m, 300, 102),
        Plan.Create("new_monthly", "Monthly", PlanGeneration.New, isActive: true, 1, 3900m, 500, 10),
        Plan.Create("new_quarterly", "Quarterly", PlanGeneration.New, isActive: true, 3, 3300m, 500, 11),
        Plan.Create("new_semiannual", "Semiannual", PlanGeneration.New, isActive: true, 6, 2900m, 500, 12),
        Plan.Create("new_annual", "Annual", PlanGeneration.New, isActive: true, 12, 2400m, 500, 13),
    ];

    public static IReadOnlyList<QuotaPack> QuotaPacks { get; } =
    [
        QuotaPack.Create("starter", "Starter", launches: 10, price: 490m, sortOrder: 1),
        QuotaPack.Create("standard", "Standard", launches: 50, price: 1990m, sortOrder: 2),
        QuotaPack.Create("pro", "Pro", launches: 200, price: 5990m, sortOrder: 3),
    ];
}
