using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Payments;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Billing;

/// <summary>The admins' catalogue editor: admins only, validated, audited, on sale at once; an edited plan still renews.</summary>
public sealed class CatalogAdminTests(PortalServices portal) : IClassFixture<PortalServices>
{
    private CatalogAdmin Admin => portal.Get<CatalogAdmin>();

    [Fact]
    public async Task A_customer_calling_the_service_directly_is_refused_and_nothing_changes()
    {
        var customer = await portal.ConfirmedUserAsync();

        var refused = new Result[]
        {
            await Admin.GetAsync(customer.Id),
            await Admin.UpdatePlanAsync(customer.Id, "new_annual", new PlanEdit(1m, 10, false)),
            await Admin.UpdatePackAsync(customer.Id, "pro", new QuotaPackEdit(1m, 10, false)),
        };

        Assert.All(refused, r => Assert.Equal(Error.Forbidden(), Assert.Single(r.Errors)));
        var annual = (await portal.Get<CatalogService>().GetAsync()).Plans.Single(p => p.Code == "new_annual");
        Assert.Equal(2400m, annual.PricePerMonth.Amount);
        Assert.Empty(await portal.AuditOfAsync("plan", "new_annual"));
    }

    [Fact]
    public async Task The_admin_sees_every_plan_on_sale_or_not_and_every_pack()
    {
        var admin = await portal.AdminAsync();

        var catalog = (await Admin.GetAsync(admin.Id)).Value;

        Assert.Contains(catalog.Plans, p => p.Code == "3year" && !p.IsActive && p.Generation == PlanGeneration.Legacy);
        Assert.Contains(catalog.Plans, p => p.Code == Plan.FreeCode);
        Assert.Equal(4, catalog.Plans.Count(p => p.Generation == PlanGeneration.New));
        Assert.NotEmpty(catalog.Packs);
    }

    [Fact]
    public async Task A_price_edit_is_on_sale_at_once_and_audited_with_before_and_after()
    {
        var admin = await portal.AdminAsync();

        var result = await Admin.UpdatePlanAsync(admin.Id, "new_quarterly", new PlanEdit(3100m, 120, true));

        Assert.True(result.Succeeded);
        var offer = (await portal.Get<CatalogService>().GetAsync()).Plans.Single(p => p.Code == "new_quarterly");
        Assert.Equal((3100m, 9300m, (int?)120), (offer.PricePerMonth.Amount, offer.Total.Amount, offer.MonthlyLaunches));
        Assert.Equal([(CatalogAdmin.PlanUpdatedAction, (Guid?)admin.Id)], await portal.AuditOfAsync("plan", "new_quarterly"));
        var changes = await ChangesAsync("plan", "new_quarterly");
        Assert.Equal(("3300.00", "3100.00"), (changes.GetProperty("PricePerMonth").GetProperty("from").GetString(), changes.GetProperty("PricePerMonth").GetProperty("to").GetString()));
        Assert.Equal("9300.00", changes.GetProperty("TotalPrice").GetProperty("to").GetString());
        Assert.False(changes.TryGetProperty("IsActive", out _));
    }

    [Fact]
    public async Task A_deactivated_plan_is_no_longer_sold_but_renews_for_its_subscriber_at_the_current_price()
    {
        var admin = await portal.AdminAsync();
        var customer = await portal.CustomerAsync();
        await portal.BuyAsync(customer, "new_semiannual");
        var periodEnd = (await portal.SubscriptionAsync(customer.OrganizationId)).CurrentPeriodEnd!.Value;

        Assert.True((await Admin.UpdatePlanAsync(admin.Id, "new_semiannual", new PlanEdit(3000m, 200, false))).Succeeded);

        Assert.DoesNotContain((await portal.Get<CatalogService>().GetAsync()).Plans, p => p.Code == "new_semiannual");
        var other = await portal.CustomerAsync();
        Assert.False((await portal.Get<BillingService>().StartPlanPurchaseAsync(other.Id, other.OrganizationId, "new_semiannual")).Succeeded);

        portal.Clock.SetUtcNow(periodEnd.AddMinutes(1));
        await portal.Get<RenewalService>().RunForOrganizationAsync(customer.OrganizationId);

        var renewed = await portal.SubscriptionAsync(customer.OrganizationId);
        Assert.Equal(("new_semiannual", periodEnd.AddMonths(6)), (renewed.PlanCode, renewed.CurrentPeriodEnd!.Value));
        var renewal = (await portal.PaymentsAsync(customer.OrganizationId)).Single(p => p.Purpose == PaymentPurpose.Renewal);
        Assert.Equal((PaymentStatus.Succeeded, 18000m), (renewal.Status, renewal.Total.Amount));
    }

    [Fact]
    public async Task A_pack_edit_is_on_sale_at_once_and_a_deactivated_pack_is_not()
    {
        var admin = await portal.AdminAsync();
        var pack = (await Admin.GetAsync(admin.Id)).Value.Packs[0];

        Assert.True((await Admin.UpdatePackAsync(admin.Id, pack.Code, new QuotaPackEdit(123.45m, pack.Launches + 5, true))).Succeeded);
        var offer = (await portal.Get<CatalogService>().GetAsync()).Packs.Single(p => p.Code == pack.Code);
        Assert.Equal((123.45m, pack.Launches + 5), (offer.Price.Amount, offer.Launches));

        Assert.True((await Admin.UpdatePackAsync(admin.Id, pack.Code, new QuotaPackEdit(123.45m, pack.Launches + 5, false))).Succeeded);
        Assert.DoesNotContain((await portal.Get<CatalogService>().GetAsync()).Packs, p => p.Code == pack.Code);
        Assert.Equal(2, (await portal.AuditOfAsync("quota_pack", pack.Code)).Count);
    }

    [Theory]
    [InlineData("new_monthly", -1, 10, "catalog.price_invalid")]
    [InlineData("new_monthly", 0, 10, "catalog.paid_plan_needs_price")]
    [InlineData("new_monthly", 10.001, 10, "catalog.price_invalid")]
    [InlineData("new_monthly", 1000001, 10, "catalog.price_invalid")]
    [InlineData("new_monthly", 100, 0, "catalog.launches_invalid")]
    [InlineData("free", 100, 10, "catalog.free_fixed")]
    [InlineData("nope", 100, 10, "catalog.plan_not_found")]
    public async Task An_invalid_plan_edit_is_refused_and_stores_nothing(string code, decimal price, int launches, string error)
    {
        var admin = await portal.AdminAsync();

        var result = await Admin.UpdatePlanAsync(admin.Id, code, new PlanEdit(price, launches, true));

        Assert.Equal(error, Assert.Single(result.Errors).Code);
        Assert.Empty(await portal.AuditOfAsync("plan", code));
    }

    [Fact]
    public async Task Saving_without_a_change_is_refused()
    {
        var admin = await portal.AdminAsync();
        var allowance = (await Admin.GetAsync(admin.Id)).Value.Plans.Single(p => p.Code == "new_annual").MonthlyLaunchAllowance;

        var result = await Admin.UpdatePlanAsync(admin.Id, "new_annual", new PlanEdit(2400m, allowance, true));

        Assert.Equal(CatalogAdminErrors.Unchanged, Assert.Single(result.Errors));
    }

    private async Task<JsonElement> ChangesAsync(string type, string id)
    {
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        var json = await db.AuditEntries.Where(a => a.TargetType == type && a.TargetId == id).OrderByDescending(a => a.OccurredAt).Select(a => a.Changes).FirstAsync();
        return JsonDocument.Parse(json).RootElement;
    }
}
