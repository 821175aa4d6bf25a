using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Domain.Alerts;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Notifications;
using ProfilePortal.Domain.Payments;
using ProfilePortal.Domain.Profile;
using ProfilePortal.Domain.Quotas;
using ProfilePortal.Domain.Retention;
using ProfilePortal.Domain.Trials;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Operations;

/// <summary>
/// The example alert rules under deploy/prometheus read metrics the portal really exports, under the names the
/// Prometheus exporter gives them, and mirror admin alerts that exist: a renamed counter or rule fails here.
/// </summary>
public sealed partial class PrometheusRulesTests(ProductionPortalApp app) : IClassFixture<ProductionPortalApp>
{
    private static readonly string RulesFile = RepositoryFiles.PathOf(Path.Combine("deploy", "prometheus", "alerts.yml"));

    [Fact]
    public async Task Every_metric_the_rules_read_is_in_a_real_scrape()
    {
        RecordEveryPortalCounter();
        using var http = app.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ProductionPortalApp.ScrapeToken);

        var exposition = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        var exported = ExportedName().Matches(exposition).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);
        var used = RuleMetrics().ToList();
        Assert.NotEmpty(used);
        Assert.All(used, name => Assert.True(exported.Contains(name), $"{name} is read by {RulesFile} but not exported."));
    }

    [Fact]
    public void Every_rule_that_names_an_admin_alert_names_a_real_one()
    {
        var mirrored = AdminAlertLabel().Matches(File.ReadAllText(RulesFile)).Select(m => m.Groups["rule"].Value).ToList();

        Assert.NotEmpty(mirrored);
        Assert.All(mirrored, rule => Assert.NotNull(AlertRules.Default(rule)));
        Assert.Equal(mirrored.Count, mirrored.Distinct(StringComparer.Ordinal).Count());
    }

    /// <summary>A counter appears in the exposition only once it has a value, so every one gets one.</summary>
    private void RecordEveryPortalCounter()
    {
        var billing = app.Services.GetRequiredService<BillingMetrics>();
        billing.TrialStarted("new_monthly");
        billing.TrialReminderSent(TimeSpan.FromHours(24));
        billing.TrialConverted("new_monthly");
        billing.TrialCancelled("new_monthly");
        billing.TrialConversionFailed("new_monthly");
        billing.GraceEntered("new_monthly");
        billing.GraceExpired("new_monthly");
        billing.TrialFraudSignal("ip_velocity", raised: true);
        billing.PaymentAttempt(PaymentPurpose.Renewal, succeeded: false, PlanGeneration.Legacy);
        billing.TrialActivationAttempt(TrialActivationOutcome.Succeeded, "new_monthly");

        var email = app.Services.GetRequiredService<EmailMetrics>();
        email.Sent("payment-receipt");
        email.Failed("payment-receipt", gaveUp: true);

        var retention = app.Services.GetRequiredService<RetentionMetrics>();
        retention.FlowStarted("full");
        retention.FlowCompleted("full", "cancelled");
        retention.OfferShown(SaveOfferKind.Pause);
        retention.OfferAccepted(SaveOfferKind.Pause);
        retention.CancellationResumed();
        retention.PauseStarted(1);
        retention.PauseResumed(early: false);
        retention.WinBackSent(1);
        retention.WinBackConverted("new_monthly");
        retention.PlanChanged("upgrade", "new_monthly");

        var profile = app.Services.GetRequiredService<ProfileMetrics>();
        profile.Viewed();
        profile.Edited();
        profile.QuotaWarningShown(QuotaLevel.Low);
        profile.QuotaCtaClicked();
        profile.ActivityEventsShown(1);
    }

    /// <summary>Series names in the rules' expressions: an identifier followed by a selector or a range.</summary>
    private static IEnumerable<string> RuleMetrics()
    {
        var expressions = File.ReadAllLines(RulesFile).Where(line => !line.TrimStart().StartsWith('#'));
        return SeriesName().Matches(string.Join('\n', expressions))
            .Select(m => m.Groups["name"].Value)
            // Prometheus's own series about each scrape.
            .Where(name => name != "up")
            .Distinct(StringComparer.Ordinal);
    }

    [GeneratedRegex(@"(?m)^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]")]
    private static partial Regex ExportedName();

    [GeneratedRegex(@"\b(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)\s*[{\[]")]
    private static partial Regex SeriesName();

    [GeneratedRegex(@"admin_alert:\s*(?<rule>[a-z_]+)")]
    private static partial Regex AdminAlertLabel();
}
