using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Retention;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Retention;

/// <summary>The save rate as docs/retention.md defines it, on a database of its own (it counts every flow).</summary>
public sealed class SaveRateTests(PortalServices portal) : IClassFixture<PortalServices>
{
    private CancellationService Flow => portal.Get<CancellationService>();

    [Fact]
    public async Task A_save_counts_as_kept_when_the_subscription_is_not_cancelled_within_30_days_and_only_once_those_days_passed()
    {
        var start = portal.Clock.GetUtcNow();
        var kept = await SavedCustomerAsync();
        var lost = await SavedCustomerAsync();
        var cancelledLate = await SavedCustomerAsync();
        portal.Clock.Advance(TimeSpan.FromDays(10));
        await CancelAsync(lost);

        Assert.Equal(new SaveRate(0, 0), await RateAsync(start, start.AddDays(1)));
        Assert.Null((await RateAsync(start, start.AddDays(1))).Rate);

        portal.Clock.Advance(TimeSpan.FromDays(21));
        await CancelAsync(cancelledLate);
        var rate = await RateAsync(start, start.AddDays(1));

        Assert.Equal(new SaveRate(3, 2), rate);
        Assert.Equal(2.0 / 3, rate.Rate!.Value, 6);
        Assert.Equal(new SaveRate(0, 0), await RateAsync(start.AddDays(1), start.AddDays(2)));
        Assert.NotEqual(kept.Id, lost.Id);
    }

    private async Task<Customer> SavedCustomerAsync()
    {
        var customer = await portal.CustomerAsync();
        await portal.BuyAsync(customer, "new_quarterly");
        var step = await Flow.BeginAsync(customer.Id, customer.OrganizationId, CancellationReason.TooExpensive, null);
        Assert.True((await Flow.AcceptOfferAsync(customer.Id, step.Value.FlowId, SaveOfferKind.Discount, null)).Succeeded);
        return customer;
    }

    private async Task CancelAsync(Customer customer)
    {
        var step = await Flow.BeginAsync(customer.Id, customer.OrganizationId, CancellationReason.MissingFeatures, null);
        Assert.True((await Flow.ConfirmAsync(customer.Id, step.Value.FlowId)).Succeeded);
    }

    private async Task<SaveRate> RateAsync(DateTimeOffset from, DateTimeOffset to)
    {
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        return await SaveRate.OfAsync(db, from, to, portal.Clock.GetUtcNow());
    }
}
