using ProfilePortal.Domain.Billing;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Billing;

public sealed class CatalogServiceTests(PortalServices portal) : IClassFixture<PortalServices>
{
    [Fact]
    public async Task The_catalogue_offers_the_packs_and_only_the_new_plans_in_order()
    {
        var catalog = await portal.Get<CatalogService>().GetAsync();

        Assert.Equal(["starter", "standard", "pro"], catalog.Packs.Select(p => p.Code));
        Assert.Equal(["new_monthly", "new_quarterly", "new_semiannual", "new_annual"], catalog.Plans.Select(p => p.Code));
        var annual = catalog.Plans[^1];
        Assert.Equal((12, 2400m, 28800m, "RUB"), (annual.DurationMonths, annual.PricePerMonth.Amount, annual.Total.Amount, annual.Total.Currency));
    }
}
