using ProfilePortal.Domain.Quotas;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Unit.Quotas;

/// <summary>The low-quota email across a quota reset; a database of its own, since the test moves the clock a month.</summary>
public sealed class QuotaNotifierPeriodTests(PortalServices portal) : IClassFixture<PortalServices>
{
    [Fact]
    public async Task A_new_quota_period_may_notify_again()
    {
        var anna = await portal.ConfirmedUserAsync();
        var organizationId = await portal.PersonalOrganizationAsync(anna.Id);
        await portal.LaunchAsync(organizationId, 45);
        await portal.SweepQuotaNoticesAsync();
        var november = QuotaPeriod.CalendarMonth(portal.Clock.GetUtcNow());

        portal.Clock.Advance(november.End - portal.Clock.GetUtcNow() + TimeSpan.FromHours(1));
        await portal.SweepQuotaNoticesAsync();
        var afterReset = await portal.QuotaMailToAsync(anna);
        await portal.LaunchAsync(organizationId, 45);
        await portal.SweepQuotaNoticesAsync();

        Assert.Single(afterReset);
        var notices = await portal.QuotaNoticesOfAsync(anna);
        Assert.Equal([november.Start, november.End], notices.Select(n => n.PeriodStart));
        Assert.All(notices, n => Assert.Equal(QuotaLevel.Low, n.Level));
        Assert.Equal(2, (await portal.QuotaMailToAsync(anna)).Count);
    }
}
