using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Payments;
using ProfilePortal.Domain.Trials;
using ProfilePortal.Infrastructure.Payments.Sandbox;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Payments;

/// <summary>Each settled charge attempt is counted where the audit trail records it, as the billing alerts read them.</summary>
public sealed class PaymentAttemptMetricsTests(PortalServices portal) : IClassFixture<PortalServices>
{
    [Fact]
    public async Task A_declined_legacy_renewal_counts_as_declined_and_its_paid_retry_as_succeeded()
    {
        var customer = await portal.CustomerAsync();
        var billing = portal.Get<BillingService>();
        await billing.SaveCardAsync(customer.Id, customer.OrganizationId, portal.Card(BillingScenario.NoFundsCard));
        await using (var db = await portal.Get<IPortalDbContextFactory>().CreateAsync())
        {
            var legacy = await db.Plans.AsNoTracking().SingleAsync(p => p.Code == "monthly");
            var subscription = await db.Subscriptions.SingleAsync(s => s.OrganizationId == customer.OrganizationId);
            subscription.Activate(legacy, portal.Clock.GetUtcNow().AddMonths(-1));
            await db.SaveChangesAsync();
        }

        using var attempts = new MetricCollector<long>(portal.Get<IMeterFactory>(), BillingMetrics.MeterName, "payment_attempt");

        await portal.Get<RenewalService>().RunAsync();
        await billing.SaveCardAsync(customer.Id, customer.OrganizationId, portal.Card());
        await portal.Get<RenewalService>().RunAsync();

        var renewals = attempts.GetMeasurementSnapshot()
            .Where(m => (string?)m.Tags["purpose"] == "renewal" && (string?)m.Tags["generation"] == "legacy")
            .Select(m => (string?)m.Tags["outcome"])
            .ToList();
        Assert.Equal(["declined", "succeeded"], renewals);
    }

    [Fact]
    public async Task A_bought_plan_counts_as_a_succeeded_subscription_of_its_generation()
    {
        var customer = await portal.CustomerAsync();
        using var attempts = new MetricCollector<long>(portal.Get<IMeterFactory>(), BillingMetrics.MeterName, "payment_attempt");

        await portal.BuyAsync(customer, "new_monthly");

        var bought = Assert.Single(attempts.GetMeasurementSnapshot(), m => (string?)m.Tags["purpose"] == "subscription");
        Assert.Equal(("succeeded", "new", 1L), ((string?)bought.Tags["outcome"], (string?)bought.Tags["generation"], bought.Value));
    }
}
