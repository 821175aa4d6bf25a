using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Fraud;
using ProfilePortal.Domain.Trials;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Fraud;

/// <summary>
/// The antifraud rules at the start of a trial, on a real database with the clock under test control: trials per
/// address within a sliding day, one card on several accounts, one open signal per key however the trials arrive,
/// and an admin's blocks refusing the next trial.
/// </summary>
public sealed class TrialFraudMonitorTests(PortalServices portal) : IClassFixture<PortalServices>
{
    private TrialService Trials => portal.Get<TrialService>();

    [Fact]
    public async Task Five_trials_from_one_address_in_a_day_raise_nothing_the_sixth_raises_one_open_signal_listing_the_six_accounts_and_still_starts()
    {
        using var flagged = new MetricCollector<long>(portal.Get<IMeterFactory>(), BillingMetrics.MeterName, "trial_fraud_signal");
        var ip = FraudScenario.NewIp();
        var first = portal.Clock.GetUtcNow();
        var customers = new List<Customer>();
        for (var i = 0; i < 5; i++)
        {
            customers.Add(await StartAsync(ip));
            portal.Clock.Advance(TimeSpan.FromHours(1));
        }

        Assert.Empty(await portal.SignalsAsync(FraudSignalKind.IpVelocity, ip));

        var sixth = await StartAsync(ip);
        customers.Add(sixth);

        var signal = Assert.Single(await portal.SignalsAsync(FraudSignalKind.IpVelocity, ip));
        Assert.Equal((FraudSignalStatus.Open, first, portal.Clock.GetUtcNow()), (signal.Status, signal.FirstSeenAt, signal.RaisedAt));
        Assert.Equal(
            customers.Select(c => (c.Id, c.OrganizationId, c.User.Email!)).Order(),
            signal.Accounts.Select(a => (a.UserId, a.OrganizationId, a.Email)).Order());
        Assert.Equal(SubscriptionStatus.Trialing, (await portal.SubscriptionAsync(sixth.OrganizationId)).Status);
        var raised = Assert.Single(flagged.GetMeasurementSnapshot());
        Assert.Equal(("ip_velocity", "raised"), (raised.Tags["rule"], raised.Tags["signal"]));

        var seventh = await StartAsync(ip);

        signal = Assert.Single(await portal.SignalsAsync(FraudSignalKind.IpVelocity, ip));
        Assert.Equal(7, signal.Accounts.Count);
        Assert.Contains(signal.Accounts, a => a.UserId == seventh.Id);
        Assert.Equal("joined", flagged.LastMeasurement!.Tags["signal"]);
    }

    [Fact]
    public async Task The_day_slides_trials_more_than_24_hours_apart_do_not_count_together()
    {
        var ip = FraudScenario.NewIp();
        var early = new List<Customer>();
        for (var i = 0; i < 5; i++)
        {
            early.Add(await StartAsync(ip));
        }

        portal.Clock.Advance(TimeSpan.FromHours(25));
        for (var i = 0; i < 5; i++)
        {
            await StartAsync(ip);
        }

        Assert.Empty(await portal.SignalsAsync(FraudSignalKind.IpVelocity, ip));

        await StartAsync(ip);

        var signal = Assert.Single(await portal.SignalsAsync(FraudSignalKind.IpVelocity, ip));
        Assert.Equal(6, signal.Accounts.Count);
        Assert.DoesNotContain(signal.Accounts, a => early.Any(c => c.Id == a.UserId));
    }

    [Fact]
    public async Task One_card_on_a_second_account_raises_a_shared_card_signal_and_a_third_account_joins_it()
    {
        var card = FraudScenario.NewCardNumber();
        var fingerprint = portal.Card(card).Fingerprint!;
        var first = await StartAsync(FraudScenario.NewIp(), card);
        Assert.Empty(await portal.SignalsAsync(FraudSignalKind.SharedCard, fingerprint));

        var second = await StartAsync(FraudScenario.NewIp(), card);

        var signal = Assert.Single(await portal.SignalsAsync(FraudSignalKind.SharedCard, fingerprint));
        Assert.Equal(FraudSignalStatus.Open, signal.Status);
        Assert.Equal(new[] { first.Id, second.Id }.Order(), signal.Accounts.Select(a => a.UserId).Order());
        Assert.Equal(SubscriptionStatus.Trialing, (await portal.SubscriptionAsync(second.OrganizationId)).Status);

        var third = await StartAsync(FraudScenario.NewIp(), card);

        signal = Assert.Single(await portal.SignalsAsync(FraudSignalKind.SharedCard, fingerprint));
        Assert.Equal(new[] { first.Id, second.Id, third.Id }.Order(), signal.Accounts.Select(a => a.UserId).Order());
    }

    [Fact]
    public async Task Concurrent_trials_from_one_address_all_start_and_raise_one_open_signal_listing_them_all()
    {
        var ip = FraudScenario.NewIp();
        var customers = new List<Customer>();
        for (var i = 0; i < 10; i++)
        {
            customers.Add(await portal.CustomerAsync());
        }

        // On threads of their own: SQLite's async calls complete synchronously, so without Task.Run they would run one by one.
        var results = await Task.WhenAll(customers.Select(c =>
            Task.Run(() => Trials.StartAsync(c.Id, c.OrganizationId, "new_monthly", portal.Card(FraudScenario.NewCardNumber()), ip))));

        Assert.All(results, r => Assert.True(r.Succeeded, string.Join("; ", r.Errors.Select(e => e.Code))));
        var signal = Assert.Single(await portal.SignalsAsync(FraudSignalKind.IpVelocity, ip));
        Assert.Equal(FraudSignalStatus.Open, signal.Status);
        Assert.Equal(customers.Select(c => c.Id).Order(), signal.Accounts.Select(a => a.UserId).Order());
    }

    [Fact]
    public async Task Concurrent_trials_with_one_card_raise_one_open_signal()
    {
        var card = FraudScenario.NewCardNumber();
        var customers = new List<Customer>();
        for (var i = 0; i < 6; i++)
        {
            customers.Add(await portal.CustomerAsync());
        }

        var results = await Task.WhenAll(customers.Select(c =>
            Task.Run(() => Trials.StartAsync(c.Id, c.OrganizationId, "new_monthly", portal.Card(card), FraudScenario.NewIp()))));

        Assert.All(results, r => Assert.True(r.Succeeded));
        var signal = Assert.Single(await portal.SignalsAsync(FraudSignalKind.SharedCard, portal.Card(card).Fingerprint!));
        Assert.Equal(customers.Select(c => c.Id).Order(), signal.Accounts.Select(a => a.UserId).Order());
    }

    [Fact]
    public async Task The_database_keeps_one_open_signal_per_rule_and_key_and_any_number_of_reviewed_ones()
    {
        var key = FraudScenario.NewIp();
        var now = portal.Clock.GetUtcNow();
        FraudSignal Raise() => FraudSignal.Raise(FraudSignalKind.IpVelocity, key, [new FraudEvidence(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "a@example.com", now)], now);
        var reviewed = Raise();
        reviewed.Dismiss(Guid.NewGuid(), "Office", now);
        await using (var db = await portal.Get<IPortalDbContextFactory>().CreateAsync())
        {
            db.FraudSignals.AddRange(reviewed, Raise());
            await db.SaveChangesAsync();
        }

        await using var second = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        second.FraudSignals.Add(Raise());

        await Assert.ThrowsAsync<DbUpdateException>(() => second.SaveChangesAsync());
    }

    [Theory]
    [InlineData(FraudBlockKind.Ip)]
    [InlineData(FraudBlockKind.Card)]
    public async Task A_blocked_address_or_card_refuses_the_next_trial_and_changes_nothing(FraudBlockKind kind)
    {
        var (ip, card) = (FraudScenario.NewIp(), FraudScenario.NewCardNumber());
        var signal = kind == FraudBlockKind.Ip ? await RaiseIpSignalAsync(ip) : await RaiseCardSignalAsync(card);
        var admin = await portal.AdminAsync();
        var blocked = await portal.Get<FraudReviewService>().BlockAsync(admin.Id, signal.Id, new FraudBlockRequest(Key: true, [], "Scripted sign-ups"));
        Assert.Equal(1, blocked.Value);

        var next = await portal.CustomerAsync();
        var refused = await Trials.StartAsync(
            next.Id, next.OrganizationId, "new_monthly", portal.Card(kind == FraudBlockKind.Card ? card : FraudScenario.NewCardNumber()),
            kind == FraudBlockKind.Ip ? ip : FraudScenario.NewIp());

        Assert.Equal(TrialErrors.Blocked.Code, refused.Errors.Single().Code);
        await AssertNothingChangedAsync(next);
        // Stored for review as blocked: antifraud's refusal is no failed activation (ADR-016).
        await using (var db = await portal.Get<IPortalDbContextFactory>().CreateAsync())
        {
            var attempt = await db.TrialActivationAttempts.AsNoTracking().SingleAsync(a => a.UserId == next.Id);
            Assert.Equal((TrialActivationOutcome.Blocked, TrialErrors.Blocked.Code), (attempt.Outcome, attempt.ErrorCode));
        }

        var after = Assert.Single(await portal.SignalsAsync(signal.Kind, signal.Key));
        Assert.Equal((FraudSignalStatus.Blocked, signal.Accounts.Count), (after.Status, after.Accounts.Count));
    }

    [Fact]
    public async Task A_blocked_account_refuses_a_trial_for_its_organization_by_another_member()
    {
        var card = FraudScenario.NewCardNumber();
        var signal = await RaiseCardSignalAsync(card);
        var account = signal.Accounts.OrderBy(a => a.StartedAt).Last();
        var admin = await portal.AdminAsync();
        Assert.True((await portal.Get<FraudReviewService>().BlockAsync(admin.Id, signal.Id, new FraudBlockRequest(false, [account.UserId], null))).Succeeded);
        // The account's trial is cancelled and runs out; a newly invited admin of the organization tries again.
        Assert.True((await Trials.CancelAsync(account.UserId, account.OrganizationId)).Succeeded);
        portal.Clock.Advance(TimeSpan.FromDays(8));
        await portal.Get<Domain.Payments.RenewalService>().RunAsync();
        Assert.Equal(Plan.FreeCode, (await portal.SubscriptionAsync(account.OrganizationId)).PlanCode);
        var invited = await portal.CustomerAsync();
        await portal.JoinAsync(account.OrganizationId, invited.Id, Domain.Organizations.OrganizationRole.Admin);

        var refused = await Trials.StartAsync(invited.Id, account.OrganizationId, "new_monthly", portal.Card(FraudScenario.NewCardNumber()), FraudScenario.NewIp());

        Assert.Equal(TrialErrors.Blocked.Code, refused.Errors.Single().Code);
        Assert.Equal(Plan.FreeCode, (await portal.SubscriptionAsync(account.OrganizationId)).PlanCode);
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        Assert.False(await db.Trials.AnyAsync(t => t.UserId == invited.Id));
    }

    [Fact]
    public async Task After_a_dismissal_the_address_counts_again_from_the_review()
    {
        var ip = FraudScenario.NewIp();
        var signal = await RaiseIpSignalAsync(ip);
        var admin = await portal.AdminAsync();
        Assert.True((await portal.Get<FraudReviewService>().DismissAsync(admin.Id, signal.Id, "University network")).Succeeded);
        portal.Clock.Advance(TimeSpan.FromMinutes(1));

        for (var i = 0; i < 5; i++)
        {
            await StartAsync(ip);
        }

        Assert.Equal([FraudSignalStatus.Dismissed], (await portal.SignalsAsync(FraudSignalKind.IpVelocity, ip)).Select(s => s.Status));

        var sixth = await StartAsync(ip);

        var signals = await portal.SignalsAsync(FraudSignalKind.IpVelocity, ip);
        Assert.Equal([FraudSignalStatus.Dismissed, FraudSignalStatus.Open], signals.Select(s => s.Status));
        Assert.Equal(6, signals[1].Accounts.Count);
        Assert.Contains(signals[1].Accounts, a => a.UserId == sixth.Id);
    }

    [Fact]
    public async Task A_trial_without_an_address_or_a_card_fingerprint_is_not_counted()
    {
        var customers = new List<Customer>();
        for (var i = 0; i < 7; i++)
        {
            var customer = await portal.CustomerAsync();
            customers.Add(customer);
            Assert.True((await Trials.StartAsync(customer.Id, customer.OrganizationId, "new_monthly", portal.Card(FraudScenario.NewCardNumber()), null)).Succeeded);
        }

        var ids = customers.Select(c => c.Id).ToList();
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        Assert.False(await db.FraudSignalAccounts.AnyAsync(a => ids.Contains(a.UserId)));
    }

    private async Task<Customer> StartAsync(string ip, string? card = null)
    {
        var customer = await portal.CustomerAsync();
        await portal.StartTrialAsync(customer, "new_monthly", card ?? FraudScenario.NewCardNumber(), ip);
        return customer;
    }

    private async Task<FraudSignal> RaiseIpSignalAsync(string ip)
    {
        for (var i = 0; i < 6; i++)
        {
            await StartAsync(ip);
        }

        return Assert.Single(await portal.SignalsAsync(FraudSignalKind.IpVelocity, ip));
    }

    private async Task<FraudSignal> RaiseCardSignalAsync(string card)
    {
        await StartAsync(FraudScenario.NewIp(), card);
        await StartAsync(FraudScenario.NewIp(), card);
        return Assert.Single(await portal.SignalsAsync(FraudSignalKind.SharedCard, portal.Card(card).Fingerprint!));
    }

    private async Task AssertNothingChangedAsync(Customer customer)
    {
        var subscription = await portal.SubscriptionAsync(customer.OrganizationId);
        Assert.Equal((Plan.FreeCode, SubscriptionStatus.Active), (subscription.PlanCode, subscription.Status));
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        Assert.False(await db.Users.Where(u => u.Id == customer.Id).Select(u => u.TrialUsed).SingleAsync());
        Assert.False(await db.Trials.AnyAsync(t => t.UserId == customer.Id));
        Assert.False(await db.PaymentMethods.AnyAsync(m => m.OrganizationId == customer.OrganizationId));
        Assert.False(await db.FraudSignalAccounts.AnyAsync(a => a.UserId == customer.Id));
        Assert.Empty(await portal.EmailKindsToAsync(customer.User.Email!));
    }
}
