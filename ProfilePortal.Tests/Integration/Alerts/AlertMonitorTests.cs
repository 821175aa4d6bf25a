using Microsoft.EntityFrameworkCore;
using ProfilePortal.Domain.Alerts;
using ProfilePortal.Domain.Common;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Alerts;

/// <summary>The fixture sends alerts to an ops mailbox.</summary>
public sealed class OpsAlertServices : PortalServices
{
    public const string OpsEmail = "ops@profileportal.local";

    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Alerts:OpsEmail"] = OpsEmail,
        ["Alerts:Rules:trials_per_ip:Enabled"] = "false",
    };
}

/// <summary>An alert is raised once while its rule fires, emailed to ops once, and resolved when the rule clears.</summary>
public sealed class AlertMonitorTests(OpsAlertServices portal) : IClassFixture<OpsAlertServices>
{
    private AlertMonitor Monitor => portal.Get<AlertMonitor>();

    [Fact]
    public async Task A_firing_rule_raises_one_alert_and_one_email_to_ops_until_it_clears_and_then_resolves()
    {
        var admin = await portal.AdminAsync();
        await portal.FreshWindowAsync();
        await portal.ClearOutboxAsync();
        await portal.SettledAttemptsAsync(succeeded: 10, declined: 10, TimeSpan.FromMinutes(5));

        var first = await Monitor.RunAsync();
        portal.Clock.Advance(TimeSpan.FromMinutes(5));
        var second = await Monitor.RunAsync();

        Assert.Equal([AlertRules.BillingErrorRate], first.Raised);
        Assert.Empty(second.Raised);
        var alert = Assert.Single(await OpenAlertsAsync());
        Assert.Equal((AlertRules.BillingErrorRate, 50d, 5d, AlertSeverity.Critical), (alert.Rule, alert.Value, alert.Threshold, alert.Severity));
        Assert.Equal((portal.Clock.GetUtcNow() - TimeSpan.FromMinutes(5), portal.Clock.GetUtcNow()), (alert.RaisedAt, alert.LastSeenAt));
        var email = Assert.Single(await portal.OutboxAsync());
        Assert.Equal((OpsAlertServices.OpsEmail, "alert-raised", "ru"), (email.ToAddress, email.Kind, email.Language));
        Assert.Equal("Критичное оповещение: доля ошибок списаний", email.Subject);
        Assert.Empty(await portal.EmailKindsToAsync(admin.Email!));

        portal.Clock.Advance(TimeSpan.FromHours(1));
        var cleared = await Monitor.RunAsync();

        Assert.Equal([AlertRules.BillingErrorRate], cleared.Resolved);
        Assert.Empty(await OpenAlertsAsync());
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        Assert.Equal(portal.Clock.GetUtcNow(), (await db.Alerts.SingleAsync(a => a.Id == alert.Id)).ResolvedAt);
    }

    [Fact]
    public async Task A_rule_that_fires_again_after_it_cleared_raises_a_new_alert_and_a_new_email()
    {
        await portal.FreshWindowAsync();
        await portal.SettledAttemptsAsync(succeeded: 0, declined: 20, TimeSpan.FromMinutes(5));
        await Monitor.RunAsync();
        portal.Clock.Advance(TimeSpan.FromHours(2));
        await Monitor.RunAsync();
        await portal.ClearOutboxAsync();

        await portal.SettledAttemptsAsync(succeeded: 0, declined: 20, TimeSpan.FromMinutes(5));
        var again = await Monitor.RunAsync();

        Assert.Equal([AlertRules.BillingErrorRate], again.Raised);
        Assert.Single(await OpenAlertsAsync());
        Assert.Equal(["alert-raised"], await portal.EmailKindsToAsync(OpsAlertServices.OpsEmail));
    }

    [Fact]
    public async Task A_disabled_rule_is_not_measured_and_a_rule_with_no_data_stays_quiet()
    {
        await portal.FreshWindowAsync();
        await portal.TrialsAsync(await portal.CustomerAsync(), 10, Domain.Trials.TrialOutcome.Running, "203.0.113.9", TimeSpan.FromHours(1));

        var result = await Monitor.RunAsync();

        Assert.False(result.Measured.ContainsKey(AlertRules.TrialsPerIp));
        Assert.Empty(result.Raised);
        Assert.Equal(new AlertMeasurement(null, 0), result.Measured[AlertRules.BillingErrorRate]);
    }

    private async Task<List<Alert>> OpenAlertsAsync()
    {
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        return await db.Alerts.AsNoTracking().Where(a => a.ResolvedAt == null).ToListAsync();
    }
}

/// <summary>Without an ops address, every site admin gets the alert in their own language; a new install is quiet.</summary>
public sealed class AlertRecipientTests(PortalServices portal) : IClassFixture<PortalServices>
{
    [Fact]
    public async Task Without_an_ops_address_each_admin_gets_one_email_and_a_portal_that_never_sold_does_not_alert_about_sales()
    {
        var english = await portal.AdminAsync(language: "en");
        var russian = await portal.AdminAsync(language: "ru");
        var third = await portal.AdminAsync();
        await portal.SettledAttemptsAsync(succeeded: 0, declined: 20, TimeSpan.FromMinutes(5));

        var result = await portal.Get<AlertMonitor>().RunAsync();

        Assert.Equal([AlertRules.BillingErrorRate], result.Raised);
        Assert.Equal(new AlertMeasurement(0, 0), result.Measured[AlertRules.NewSubscriptions]);
        var outbox = await portal.OutboxAsync();
        Assert.Equal("Critical alert: billing error rate", outbox.Single(m => m.ToAddress == english.Email).Subject);
        Assert.Equal("Критичное оповещение: доля ошибок списаний", outbox.Single(m => m.ToAddress == russian.Email).Subject);
        Assert.Single(outbox, m => m.ToAddress == third.Email);
    }
}
