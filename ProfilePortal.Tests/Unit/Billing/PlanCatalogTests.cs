using ProfilePortal.Domain.Billing;

namespace ProfilePortal.Tests.Unit.Billing;

public sealed class PlanCatalogTests
{
    [Theory]
    [InlineData("new_monthly", 1, 3900, 3900)]
    [InlineData("new_quarterly", 3, 3300, 9900)]
    [InlineData("new_semiannual", 6, 2900, 17400)]
    [InlineData("new_annual", 12, 2400, 28800)]
    public void New_plans_carry_the_seed_002_prices(string code, int months, decimal perMonth, decimal total)
    {
        var plan = PlanCatalog.Plans.Single(p => p.Code == code);

        Assert.Equal(PlanGeneration.New, plan.Generation);
        Assert.True(plan.IsActive);
        Assert.Equal(months, plan.DurationMonths);
        Assert.Equal(perMonth, plan.PricePerMonth);
        Assert.Equal(total, plan.TotalPrice);
        Assert.Equal("RUB", plan.Currency);
    }

    [Theory]
    [InlineData("monthly")]
    [InlineData("annual")]
    [InlineData("3year")]
    public void Legacy_plans_are_off_sale(string code)
    {
        var plan = PlanCatalog.Plans.Single(p => p.Code == code);

        Assert.Equal(PlanGeneration.Legacy, plan.Generation);
        Assert.False(plan.IsActive);
    }

    [Fact]
    public void Free_plan_takes_its_allowance_from_configuration()
    {
        var free = PlanCatalog.Plans.Single(p => p.Code == Plan.FreeCode);

        Assert.True(free.IsFree);
        Assert.Null(free.MonthlyLaunchAllowance);
        Assert.Equal(0m, free.TotalPrice);
    }

    [Fact]
    public void Plan_codes_and_pack_codes_are_unique()
    {
        Assert.Equal(PlanCatalog.Plans.Count, PlanCatalog.Plans.Select(p => p.Code).Distinct().Count());
        Assert.Equal(PlanCatalog.QuotaPacks.Count, PlanCatalog.QuotaPacks.Select(p => p.Code).Distinct().Count());
    }

    [Fact]
    public void A_plan_refuses_a_negative_price_or_a_zero_duration()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Plan.Create("x", "X", PlanGeneration.New, true, 1, -1m, 10, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Plan.Create("x", "X", PlanGeneration.New, true, 0, 100m, 10, 0));
    }
}
