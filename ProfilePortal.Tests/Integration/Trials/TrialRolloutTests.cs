using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.FeatureManagement;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Features;
using ProfilePortal.Domain.Payments;
using ProfilePortal.Domain.Trials;
using ProfilePortal.Infrastructure.Features;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Trials;

/// <summary>
/// The staged trial rollout on a real database with the flag configured as shipped (targeting, 20 %): who may move
/// it and how, what 10,000 simulated people get at each step, how fast another instance follows, and the criteria.
/// </summary>
public sealed class TrialRolloutTests(RolloutServices portal) : IClassFixture<RolloutServices>
{
    private const int Simulated = 10_000;

    private TrialRollout Rollout => portal.Get<TrialRollout>();

    [Fact]
    public async Task The_shipped_configuration_offers_trials_to_20_percent_through_the_targeting_filter()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(RepositoryFiles.PathOf("ProfilePortal/appsettings.json")).Build();
        using var definitions = new ConfigurationFeatureDefinitionProvider(configuration);

        var definition = await definitions.GetFeatureDefinitionAsync(FeatureNames.Trials);

        Assert.Equal(new FeatureState(true, 20), PortalFeatureDefinitionProvider.StateOf(definition));
        Assert.Equal(PortalFeatureDefinitionProvider.TargetingFilter, Assert.Single(definition.EnabledFor).Name);
    }

    [Fact]
    public async Task Moving_the_rollout_is_audited_with_before_after_and_reason_and_kept_in_the_history()
    {
        var admin = await portal.Admin;
        await portal.MoveRolloutToAsync(20);
        portal.Clock.Advance(TimeSpan.FromHours(1));

        var result = await Rollout.SetPercentageAsync(admin.Id, 50, "  Step 1 criteria met for a week  ");

        Assert.True(result.Succeeded);
        var view = (await Rollout.GetAsync((await portal.Admin).Id)).Value;
        Assert.Equal((50, false, (DateTimeOffset?)portal.Clock.GetUtcNow()), (view.Percentage, view.IsConfiguredDefault, view.Since));
        var change = view.History[0];
        Assert.Equal((20, 50, admin.Id, admin.Email, "Step 1 criteria met for a week"), (change.From.Percentage, change.To.Percentage, change.ActorUserId, change.Actor, change.Reason));
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        var audit = await db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == FeatureSettings.ChangedAction && a.TargetId == FeatureNames.Trials)
            .OrderByDescending(a => a.OccurredAt)
            .FirstAsync();
        Assert.Equal((admin.Id, portal.Clock.GetUtcNow()), (audit.ActorUserId, audit.OccurredAt));
        Assert.Contains("\"RolloutPercentage\":{\"from\":\"20\",\"to\":\"50\"}", audit.Changes, StringComparison.Ordinal);
        Assert.Contains("\"Reason\":{\"from\":null,\"to\":\"Step 1 criteria met for a week\"}", audit.Changes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_an_admin_reads_or_moves_the_rollout()
    {
        await portal.MoveRolloutToAsync(20);
        var customer = await portal.CustomerAsync();

        var byCustomer = await Rollout.SetPercentageAsync(customer.Id, 100, "I want it");
        var byNobody = await Rollout.SetPercentageAsync(Guid.NewGuid(), 100, "I want it");

        Assert.Equal(Error.Forbidden().Code, Assert.Single(byCustomer.Errors).Code);
        Assert.Equal(Error.Forbidden().Code, Assert.Single(byNobody.Errors).Code);
        Assert.Equal(Error.Forbidden(), Assert.Single((await Rollout.GetAsync(customer.Id)).Errors));
        Assert.Equal(20, (await Rollout.GetAsync((await portal.Admin).Id)).Value.Percentage);
    }

    [Theory]
    [InlineData(10, "Why not", "rollout.step_invalid")]
    [InlineData(30, "Why not", "rollout.step_invalid")]
    [InlineData(-20, "Why not", "rollout.step_invalid")]
    [InlineData(120, "Why not", "rollout.step_invalid")]
    [InlineData(50, "   ", "rollout.reason_required")]
    [InlineData(50, null, "rollout.reason_required")]
    [InlineData(20, "Again", "rollout.unchanged")]
    public async Task Only_the_seeds_steps_with_a_reason_are_accepted(int percentage, string? reason, string code)
    {
        await portal.MoveRolloutToAsync(20);
        var admin = await portal.Admin;
        var changes = (await Rollout.GetAsync(admin.Id)).Value.History.Count;

        var result = await Rollout.SetPercentageAsync(admin.Id, percentage, reason);

        Assert.Equal(code, Assert.Single(result.Errors).Code);
        var view = (await Rollout.GetAsync((await portal.Admin).Id)).Value;
        Assert.Equal((20, changes), (view.Percentage, view.History.Count));
    }

    [Fact]
    public async Task A_reason_longer_than_the_history_keeps_is_refused()
    {
        await portal.MoveRolloutToAsync(20);

        var result = await Rollout.SetPercentageAsync((await portal.Admin).Id, 50, new string('x', FeatureChange.ReasonMaxLength + 1));

        Assert.Equal(TrialRolloutErrors.ReasonTooLong, Assert.Single(result.Errors));
    }

    [Fact]
    public async Task Each_step_reaches_its_share_of_10000_simulated_people_each_keeps_their_answer_and_a_raise_only_adds_people()
    {
        var people = SimulatedPeople(seed: 2026);

        await portal.Get<FeatureSettings>().ClearOverrideAsync(FeatureNames.Trials);
        var byDefault = await OfferedAsync(people);
        await portal.MoveRolloutToAsync(0);
        var atZero = await OfferedAsync(people);
        await portal.MoveRolloutToAsync(20);
        var atTwenty = await OfferedAsync(people);
        var atTwentyAgain = await OfferedAsync(people);
        await portal.MoveRolloutToAsync(50);
        var atFifty = await OfferedAsync(people);
        var atFiftyAgain = await OfferedAsync(people);
        await portal.MoveRolloutToAsync(100);
        var atHundred = await OfferedAsync(people);

        Assert.Empty(atZero);
        Assert.InRange(Share(atTwenty), 18.0, 22.0);
        Assert.InRange(Share(atFifty), 48.0, 52.0);
        Assert.Equal(Simulated, atHundred.Count);
        Assert.Equal(atTwenty, atTwentyAgain);
        Assert.Equal(atFifty, atFiftyAgain);
        Assert.Subset(atFifty, atTwenty);
        Assert.Equal(atTwenty, byDefault);
    }

    [Fact]
    public async Task Another_instance_follows_a_change_once_its_override_cache_expires_well_within_a_minute()
    {
        var people = SimulatedPeople(seed: 7, count: 2_000);
        await portal.MoveRolloutToAsync(20);
        await using var second = portal.BuildInstance();
        var secondGate = second.GetRequiredService<IFeatureGate>();
        var before = await OfferedAsync(people, secondGate);

        Assert.True((await Rollout.SetPercentageAsync((await portal.Admin).Id, 100, "Go to everyone")).Succeeded);
        var here = await OfferedAsync(people);
        portal.Clock.Advance(FeatureOverrideCache.Lifetime - TimeSpan.FromTicks(1));
        var thereStill = await OfferedAsync(people, secondGate);
        portal.Clock.Advance(TimeSpan.FromTicks(1));
        var thereNow = await OfferedAsync(people, secondGate);

        Assert.True(FeatureOverrideCache.Lifetime <= TimeSpan.FromMinutes(1));
        Assert.Equal(people.Count, here.Count);
        Assert.Equal(before, thereStill);
        Assert.InRange(before.Count, 300, 500);
        Assert.Equal(people.Count, thereNow.Count);
    }

    [Fact]
    public async Task At_zero_percent_nobody_new_is_offered_a_trial_and_a_running_trial_still_converts()
    {
        await portal.MoveRolloutToAsync(100);
        var running = await portal.CustomerAsync();
        var trial = await portal.StartTrialAsync(running, "new_monthly");

        await portal.MoveRolloutToAsync(0, "Rollback drill");
        var newcomer = await portal.CustomerAsync();
        var offer = await portal.Get<TrialService>().GetOfferAsync(newcomer.Id, newcomer.OrganizationId);
        portal.Clock.SetUtcNow(trial.EndsAt + TimeSpan.FromMinutes(1));
        await portal.Get<RenewalService>().RunAsync();

        Assert.Equal((false, TrialErrors.NotOffered.Code), (offer.Available, offer.UnavailableCode));
        Assert.Equal(TrialOutcome.Converted, (await portal.TrialOfAsync(running.Id)).Outcome);
        Assert.Equal(PaymentStatus.Succeeded, Assert.Single(await portal.PaymentsAsync(running.OrganizationId)).Status);
    }

    [Fact]
    public async Task The_criteria_show_the_live_figures_of_the_window_against_the_seeds_thresholds()
    {
        await portal.Admin;
        portal.Clock.Advance(TimeSpan.FromDays(8));
        await portal.MoveRolloutToAsync(100);
        var starter = await portal.CustomerAsync();
        var buyer = await portal.CustomerAsync();
        var declined = await portal.CustomerAsync();
        await portal.CustomerAsync();
        await portal.StartTrialAsync(starter);
        await portal.BuyAsync(buyer, "new_monthly");
        var billing = portal.Get<BillingService>();
        var checkout = await billing.StartPlanPurchaseAsync(declined.Id, declined.OrganizationId, "new_monthly");
        await billing.PayAsync(declined.Id, checkout.Value.PaymentId, portal.Card(BillingScenario.NoFundsCard));

        var view = (await Rollout.GetAsync((await portal.Admin).Id)).Value;

        var measured = view.Measurements;
        Assert.Equal((portal.Clock.GetUtcNow() - TimeSpan.FromDays(7), portal.Clock.GetUtcNow()), (measured.WindowStart, measured.MeasuredAt));
        Assert.Equal((1, new Ratio(1, 4), new Ratio(1, 2), Ratio.Empty, Ratio.Empty), (measured.TrialsStarted, measured.TrialStartRate, measured.BillingErrors, measured.ConversionChargeErrors, measured.TrialToPaid));
        Assert.Equal(
            [
                (RolloutMetric.BillingErrors, RolloutCriterionKind.Go, (int?)20, 5.0, CriterionStatus.NotMet),
                (RolloutMetric.TrialStartRate, RolloutCriterionKind.Go, 20, 8.0, CriterionStatus.Met),
                (RolloutMetric.TrialStartRate, RolloutCriterionKind.Go, 50, 10.0, CriterionStatus.Met),
                (RolloutMetric.ConversionChargeErrors, RolloutCriterionKind.Kill, null, 10.0, CriterionStatus.NoData),
                (RolloutMetric.TrialToPaid, RolloutCriterionKind.Alert, null, 15.0, CriterionStatus.NoData),
            ],
            view.Criteria.Select(c => (c.Metric, c.Kind, c.Step, c.ThresholdPercent, c.Status)));
    }

    private static List<Guid> SimulatedPeople(int seed, int count = Simulated)
    {
        // Random ids from a fixed seed: any run sees the same people, so the ±2 points never flake.
        var random = new Random(seed);
        var bytes = new byte[16];
        return [.. Enumerable.Range(0, count).Select(_ =>
        {
            random.NextBytes(bytes);
            return new Guid(bytes);
        })];
    }

    private static double Share(HashSet<Guid> offered) => 100.0 * offered.Count / Simulated;

    private Task<HashSet<Guid>> OfferedAsync(IReadOnlyList<Guid> people) => OfferedAsync(people, portal.Get<IFeatureGate>());

    private static async Task<HashSet<Guid>> OfferedAsync(IReadOnlyList<Guid> people, IFeatureGate gate)
    {
        var offered = new HashSet<Guid>();
        foreach (var person in people)
        {
            if (await gate.IsEnabledForAsync(FeatureNames.Trials, person))
            {
                offered.Add(person);
            }
        }

        return offered;
    }
}
