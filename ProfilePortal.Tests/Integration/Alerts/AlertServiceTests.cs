using ProfilePortal.Domain.Alerts;
using ProfilePortal.Domain.Common;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Alerts;

/// <summary>Admins list and acknowledge open alerts, audited; anyone else is refused by the service itself.</summary>
public sealed class AlertServiceTests(PortalServices portal) : IClassFixture<PortalServices>
{
    private AlertService Alerts => portal.Get<AlertService>();

    [Fact]
    public async Task An_admin_acknowledges_an_open_alert_once_and_the_audit_trail_says_who_and_when()
    {
        var admin = await portal.AdminAsync();
        var other = await portal.AdminAsync();
        var alert = await RaiseAsync();

        portal.Clock.Advance(TimeSpan.FromMinutes(3));
        var acknowledged = await Alerts.AcknowledgeAsync(admin.Id, alert.Id);
        var again = await Alerts.AcknowledgeAsync(other.Id, alert.Id);

        Assert.True(acknowledged.Succeeded);
        Assert.Equal(AlertErrors.AlreadyAcknowledged, Assert.Single(again.Errors));
        var listed = Assert.Single((await Alerts.ListOpenAsync(other.Id)).Value, a => a.Id == alert.Id);
        Assert.Equal((admin.Email, portal.Clock.GetUtcNow()), (listed.AcknowledgedBy, listed.AcknowledgedAt));
        Assert.Equal([(AlertService.AcknowledgedAction, (Guid?)admin.Id)], await portal.AuditOfAsync(AlertService.AuditTarget, alert.Id.ToString()));
    }

    [Fact]
    public async Task A_customer_can_neither_list_nor_acknowledge_alerts()
    {
        var customer = await portal.CustomerAsync();
        var alert = await RaiseAsync();

        var list = await Alerts.ListOpenAsync(customer.Id);
        var acknowledge = await Alerts.AcknowledgeAsync(customer.Id, alert.Id);

        Assert.Equal("access.forbidden", Assert.Single(list.Errors).Code);
        Assert.Equal("access.forbidden", Assert.Single(acknowledge.Errors).Code);
        Assert.Empty(await portal.AuditOfAsync(AlertService.AuditTarget, alert.Id.ToString()));
    }

    [Fact]
    public async Task A_resolved_or_unknown_alert_cannot_be_acknowledged()
    {
        var admin = await portal.AdminAsync();
        var alert = await RaiseAsync();
        portal.Clock.Advance(TimeSpan.FromHours(2));
        await portal.Get<AlertMonitor>().RunAsync();

        Assert.Equal(AlertErrors.Resolved, Assert.Single((await Alerts.AcknowledgeAsync(admin.Id, alert.Id)).Errors));
        Assert.Equal(AlertErrors.NotFound, Assert.Single((await Alerts.AcknowledgeAsync(admin.Id, Guid.NewGuid())).Errors));
    }

    private async Task<AlertView> RaiseAsync()
    {
        var admin = await portal.AdminAsync();
        await portal.FreshWindowAsync();
        await portal.SettledAttemptsAsync(succeeded: 0, declined: 20, TimeSpan.FromMinutes(5));
        await portal.Get<AlertMonitor>().RunAsync();
        return Assert.Single((await Alerts.ListOpenAsync(admin.Id)).Value, a => a.Rule == AlertRules.BillingErrorRate);
    }
}
