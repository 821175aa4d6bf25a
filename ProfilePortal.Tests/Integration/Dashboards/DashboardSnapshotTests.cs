using Microsoft.EntityFrameworkCore;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Dashboards;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Dashboards;

/// <summary>
/// The subscription snapshot: MRR after running discounts, paying subscriptions by plan and generation, trials apart;
/// each day keeps the last snapshot taken on it. Its own database, since the snapshot reads every subscription.
/// </summary>
public sealed class DashboardSnapshotTests(DashboardServices portal) : IClassFixture<DashboardServices>
{
    [Fact]
    public async Task MRR_counts_each_paying_subscription_at_its_monthly_price_after_a_running_discount_and_a_day_keeps_its_snapshot()
    {
        var admin = await portal.AdminAsync();
        await portal.BuyAsync(await portal.CustomerAsync(), "new_monthly");
        var discounted = await portal.CustomerAsync();
        await portal.BuyAsync(discounted, "new_quarterly");
        await portal.StartTrialAsync(await portal.CustomerAsync());
        await portal.SeedAsync(async (db, now) =>
        {
            var subscription = await db.Subscriptions.SingleAsync(s => s.OrganizationId == discounted.OrganizationId);
            subscription.ApplyDiscount(await db.Plans.SingleAsync(p => p.Code == "new_quarterly"), 20m, 3, now);
        });
        var rollup = portal.Get<DashboardRollup>();

        await rollup.RunAsync();
        portal.Clock.Advance(TimeSpan.FromDays(1));
        await portal.BuyAsync(await portal.CustomerAsync(), "new_monthly");
        await rollup.RunAsync();
        var result = await portal.Get<DashboardQueries>().LoadAsync(admin.Id, DashboardPeriod.Last(2, DashboardDays.Of(portal.Clock.GetUtcNow())));

        var dashboard = result.Value;
        var mrr = Assert.Single(dashboard.Mrr);
        Assert.Equal(Money.Rub, mrr.Name);
        Assert.Equal([3900m + 2640m, 3900m * 2 + 2640m], mrr.Values);
        Assert.Equal((2, 3), (dashboard.Totals.ActiveAtStart, dashboard.Totals.ActiveAtEnd));
        Assert.Equal([new GenerationShare(PlanGeneration.Legacy, 0), new GenerationShare(PlanGeneration.New, 3)], dashboard.ActiveByGeneration);
        Assert.Equal(["new_monthly/1,2", "new_quarterly/1,1"], dashboard.ActiveByPlan.Select(s => $"{s.Name}/{string.Join(',', s.Values)}"));
    }
}
