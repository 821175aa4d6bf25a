using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Features;
using ProfilePortal.Domain.Fraud;
using ProfilePortal.Domain.Notifications;
using ProfilePortal.Domain.Organizations;
using ProfilePortal.Domain.Payments;
using ProfilePortal.Domain.Quotas;
using ProfilePortal.Domain.Retention;
using ProfilePortal.Domain.Trials;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Trials;

/// <summary>
/// Which trial starts are activation attempts (ADR-016): every start past the eligibility checks the offer shows
/// stores one row with its outcome; refusals the offer already shows, a plan not on sale and the click that lost a
/// race with a parallel start store none.
/// </summary>
public sealed class TrialActivationAttemptTests(PortalServices portal) : IClassFixture<PortalServices>
{
    private TrialService Trials => portal.Get<TrialService>();

    [Fact]
    public async Task A_started_trial_stores_a_succeeded_attempt_with_the_trial()
    {
        var customer = await portal.CustomerAsync();

        var started = await portal.StartTrialAsync(customer, "new_monthly", ip: "203.0.113.21");

        var attempt = Assert.Single(await AttemptsAsync(customer));
        Assert.Equal(
            (customer.OrganizationId, "new_monthly", TrialActivationOutcome.Succeeded, (string?)null, "203.0.113.21", started.StartedAt),
            (attempt.OrganizationId, attempt.PlanCode, attempt.Outcome, attempt.ErrorCode, attempt.IpAddress, attempt.AttemptedAt));
    }

    [Fact]
    public async Task Each_stored_attempt_is_counted_with_its_outcome_for_the_activation_alert_rule()
    {
        var declined = await portal.CustomerAsync();
        var started = await portal.CustomerAsync();
        using var attempts = new MetricCollector<long>(portal.Get<IMeterFactory>(), BillingMetrics.MeterName, "trial_activation_attempt");

        await Trials.StartAsync(declined.Id, declined.OrganizationId, "new_monthly", portal.Card(BillingScenario.NoFundsCard), null);
        await portal.StartTrialAsync(started, "new_monthly");

        Assert.Equal(
            [("failed", "new_monthly"), ("succeeded", "new_monthly")],
            attempts.GetMeasurementSnapshot().Select(m => ((string?)m.Tags["outcome"], (string?)m.Tags["plan"])));
    }

    [Theory]
    [InlineData(BillingScenario.NoFundsCard, "billing.declined_funds")]
    [InlineData(BillingScenario.ExpiredCard, "billing.declined_hard")]
    [InlineData(BillingScenario.FlakyCard, "billing.provider_unavailable")]
    public async Task A_card_check_the_provider_declines_or_does_not_answer_is_a_failed_attempt(string card, string code)
    {
        var customer = await portal.CustomerAsync();

        var result = await Trials.StartAsync(customer.Id, customer.OrganizationId, "new_quarterly", portal.Card(card), "203.0.113.22");

        Assert.Equal(code, result.Errors.Single().Code);
        await AssertFailedAsync(customer, code, "new_quarterly");
    }

    [Fact]
    public async Task No_card_and_an_expired_card_are_failed_attempts()
    {
        var withoutCard = await portal.CustomerAsync();
        var withExpiredCard = await portal.CustomerAsync();

        var noCard = await Trials.StartAsync(withoutCard.Id, withoutCard.OrganizationId, "new_monthly", null, null);
        var expired = await Trials.StartAsync(
            withExpiredCard.Id, withExpiredCard.OrganizationId, "new_monthly", portal.Card() with { ExpiryMonth = 1, ExpiryYear = 2020 }, null);

        Assert.Equal((BillingErrors.NoCard.Code, BillingErrors.CardExpired.Code), (noCard.Errors.Single().Code, expired.Errors.Single().Code));
        await AssertFailedAsync(withoutCard, BillingErrors.NoCard.Code, "new_monthly");
        await AssertFailedAsync(withExpiredCard, BillingErrors.CardExpired.Code, "new_monthly");
    }

    [Fact]
    public async Task A_technical_failure_is_a_failed_attempt_and_the_exception_goes_on()
    {
        var customer = await portal.CustomerAsync();
        var crashing = new TrialService(
            portal.Get<IPortalDbContextFactory>(),
            portal.Get<IPaymentGateway>(),
            portal.Get<IFeatureGate>(),
            new EmailOutbox(portal.Get<IPortalDbContextFactory>(), new CrashAfterRenders(portal.Get<IEmailRenderer>(), rendersBeforeCrash: 0), portal.Clock),
            portal.Get<BillingMetrics>(),
            portal.Get<TrialFraudMonitor>(),
            portal.Get<QuotaService>(),
            portal.Get<WinBackService>(),
            portal.Get<IOptions<TrialOptions>>(),
            portal.Get<IOptions<PortalLinkOptions>>(),
            portal.Clock,
            NullLogger<TrialService>.Instance);

        await Assert.ThrowsAsync<InvalidOperationException>(() => crashing.StartAsync(customer.Id, customer.OrganizationId, "new_monthly", portal.Card(), null));

        await AssertFailedAsync(customer, TrialActivationAttempt.TechnicalFailureCode, "new_monthly");
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        Assert.False(await db.Trials.AnyAsync(t => t.UserId == customer.Id));
    }

    [Fact]
    public async Task Refusals_the_offer_already_shows_and_a_plan_not_on_sale_store_no_attempt()
    {
        var used = await portal.CustomerAsync();
        await portal.StartTrialAsync(used, "new_monthly");
        var paying = await portal.CustomerAsync();
        await portal.BuyAsync(paying, "new_monthly");
        var owner = await portal.CustomerAsync();
        var member = await portal.CustomerAsync();
        await portal.JoinAsync(owner.OrganizationId, member.Id, OrganizationRole.Member);
        var newcomer = await portal.CustomerAsync();
        var settings = portal.Get<FeatureSettings>();

        var alreadyUsed = await Trials.StartAsync(used.Id, used.OrganizationId, "new_quarterly", portal.Card(), null);
        var subscribed = await Trials.StartAsync(paying.Id, paying.OrganizationId, "new_quarterly", portal.Card(), null);
        var notManager = await Trials.StartAsync(member.Id, owner.OrganizationId, "new_quarterly", portal.Card(), null);
        var notOnSale = await Trials.StartAsync(newcomer.Id, newcomer.OrganizationId, "monthly", portal.Card(), null);
        await settings.SetOverrideAsync(FeatureNames.Trials, enabled: false, rolloutPercentage: null, "admin@example.com");
        Result<TrialStatus> notOffered;
        try
        {
            notOffered = await Trials.StartAsync(newcomer.Id, newcomer.OrganizationId, "new_quarterly", portal.Card(), null);
        }
        finally
        {
            await settings.ClearOverrideAsync(FeatureNames.Trials);
        }

        Assert.Equal(
            [TrialErrors.AlreadyUsed.Code, TrialErrors.AlreadySubscribed.Code, BillingErrors.PlanUnavailable.Code, TrialErrors.NotOffered.Code],
            new[] { alreadyUsed, subscribed, notOnSale, notOffered }.Select(r => r.Errors.Single().Code));
        Assert.False(notManager.Succeeded);
        // The used trial's own start is its one attempt; the refusals add none.
        Assert.Single(await AttemptsAsync(used));
        Assert.Empty(await AttemptsAsync(paying));
        Assert.Empty(await AttemptsAsync(member));
        Assert.Empty(await AttemptsAsync(newcomer));
    }

    [Fact]
    public async Task Of_parallel_starts_only_the_one_that_won_is_an_attempt()
    {
        var customer = await portal.CustomerAsync();

        // On threads of their own: SQLite completes its calls synchronously, so plain tasks would run one after another.
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            Task.Run(() => Trials.StartAsync(customer.Id, customer.OrganizationId, "new_quarterly", portal.Card(), $"203.0.113.{30 + i}"))));

        Assert.Single(results, r => r.Succeeded);
        var attempts = await AttemptsAsync(customer);
        Assert.Equal(
            results.Count(r => r.Succeeded || r.Errors.Single().Code == TrialErrors.Changed.Code),
            attempts.Count);
        Assert.Single(attempts, a => a.Outcome == TrialActivationOutcome.Succeeded);
    }

    [Fact]
    public async Task The_success_rate_counts_a_half_open_window_and_leaves_blocked_attempts_out()
    {
        var customer = await portal.CustomerAsync();
        var since = portal.Clock.GetUtcNow() + TimeSpan.FromDays(1000);
        var until = since + TimeSpan.FromHours(24);
        await using (var seed = await portal.Get<IPortalDbContextFactory>().CreateAsync())
        {
            seed.TrialActivationAttempts.AddRange(
                TrialActivationAttempt.Failed(customer.Id, customer.OrganizationId, "new_monthly", since - TimeSpan.FromTicks(1), "billing.declined_funds", null),
                TrialActivationAttempt.Succeeded(customer.Id, customer.OrganizationId, "new_monthly", since, null),
                TrialActivationAttempt.Succeeded(customer.Id, customer.OrganizationId, "new_monthly", since + TimeSpan.FromHours(1), null),
                TrialActivationAttempt.Failed(customer.Id, customer.OrganizationId, "new_monthly", since + TimeSpan.FromHours(2), "billing.declined_funds", null),
                TrialActivationAttempt.Blocked(customer.Id, customer.OrganizationId, "new_monthly", since + TimeSpan.FromHours(3), TrialErrors.Blocked.Code, null),
                TrialActivationAttempt.Failed(customer.Id, customer.OrganizationId, "new_monthly", until, "billing.provider_unavailable", null));
            await seed.SaveChangesAsync();
        }

        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        var rate = await TrialActivationQueries.SuccessRateAsync(db, since, until);
        var failures = await TrialActivationQueries.FailuresAsync(db, since, until);

        Assert.Equal(new Ratio(2, 3), rate);
        Assert.Equal(
            [new TrialActivationFailureCount(TrialActivationOutcome.Failed, "billing.declined_funds", 1), new TrialActivationFailureCount(TrialActivationOutcome.Blocked, TrialErrors.Blocked.Code, 1)],
            failures);
    }

    private async Task AssertFailedAsync(Customer customer, string code, string planCode)
    {
        var attempt = Assert.Single(await AttemptsAsync(customer));
        Assert.Equal(
            (customer.OrganizationId, planCode, TrialActivationOutcome.Failed, code, portal.Clock.GetUtcNow()),
            (attempt.OrganizationId, attempt.PlanCode, attempt.Outcome, attempt.ErrorCode, attempt.AttemptedAt));
    }

    private async Task<List<TrialActivationAttempt>> AttemptsAsync(Customer customer)
    {
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        return await db.TrialActivationAttempts.AsNoTracking().Where(a => a.UserId == customer.Id).ToListAsync();
    }
}
