using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Payments;
using ProfilePortal.Domain.Trials;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Trials;

/// <summary>
/// Seed 002's kill criterion as the sweep applies it: trial conversion charges failing above 10 % with enough
/// attempts stop the rollout and alert the admins, once; anything less changes nothing. Each test starts two days
/// after the previous one, so the 24-hour window holds only its own attempts.
/// </summary>
public sealed class TrialRolloutKillSwitchTests(RolloutServices portal) : IClassFixture<RolloutServices>
{
    private TrialRolloutKillSwitch KillSwitch => portal.Get<TrialRolloutKillSwitch>();

    private TrialRollout Rollout => portal.Get<TrialRollout>();

    [Fact]
    public async Task Conversion_charges_failing_above_the_threshold_stop_the_rollout_alert_every_admin_once_and_leave_running_trials_alone()
    {
        var admin = await portal.Admin;
        var russianAdmin = await portal.AdminAsync(language: "ru");
        await NextWindowAsync(100);
        var converting = new List<Customer>();
        for (var i = 0; i < 10; i++)
        {
            var customer = await portal.CustomerAsync();
            await portal.StartTrialAsync(customer, "new_monthly");
            converting.Add(customer);
        }

        foreach (var customer in converting.Take(2))
        {
            await portal.Get<BillingService>().SaveCardAsync(customer.Id, customer.OrganizationId, portal.Card(BillingScenario.NoFundsCard));
        }

        portal.Clock.Advance(TimeSpan.FromDays(3));
        var later = await portal.CustomerAsync();
        var laterTrial = await portal.StartTrialAsync(later, "new_monthly");
        portal.Clock.Advance(TimeSpan.FromDays(4) + TimeSpan.FromMinutes(1));
        var swept = await portal.Get<RenewalService>().RunAsync();
        Assert.Equal((8, 2), (swept.Converted, swept.Declined));

        var result = await KillSwitch.RunAsync();
        var again = await KillSwitch.RunAsync();

        Assert.Equal((KillSwitchOutcome.Stopped, new Ratio(2, 10)), (result.Outcome, result.ConversionChargeErrors));
        Assert.Equal(KillSwitchOutcome.AlreadyOff, again.Outcome);
        var view = (await Rollout.GetAsync((await portal.Admin).Id)).Value;
        var stop = view.History[0];
        Assert.Equal((0, 100, 0, (Guid?)null, "system"), (view.Percentage, stop.From.Percentage, stop.To.Percentage, stop.ActorUserId, stop.Actor));
        Assert.Contains("20 % of trial conversion charges failed (2 of 10 attempts", stop.Reason, StringComparison.Ordinal);
        Assert.Equal(["trial-rollout-stopped"], await portal.EmailKindsToAsync(admin.Email!));
        Assert.Equal(["trial-rollout-stopped"], await portal.EmailKindsToAsync(russianAdmin.Email!));
        var russian = (await portal.OutboxAsync()).Single(m => m.ToAddress == russianAdmin.Email);
        Assert.Equal(("ru", "Раскатка пробного периода остановлена"), (russian.Language, russian.Subject));

        portal.Clock.SetUtcNow(laterTrial.EndsAt + TimeSpan.FromMinutes(1));
        await portal.Get<RenewalService>().RunAsync();
        Assert.Equal(TrialOutcome.Converted, (await portal.TrialOfAsync(later.Id)).Outcome);
    }

    [Theory]
    [InlineData(10, 1, KillSwitchOutcome.Healthy)]
    [InlineData(90, 10, KillSwitchOutcome.Healthy)]
    [InlineData(1, 1, KillSwitchOutcome.NotEnoughData)]
    [InlineData(3, 6, KillSwitchOutcome.NotEnoughData)]
    public async Task At_or_below_the_threshold_or_with_too_few_attempts_the_rollout_stays(int succeeded, int declined, KillSwitchOutcome outcome)
    {
        var admin = await portal.Admin;
        await NextWindowAsync(20);
        await portal.RecordConversionAttemptsAsync(await portal.CustomerAsync(), succeeded, declined);
        var alerts = await portal.EmailKindsToAsync(admin.Email!);

        var result = await KillSwitch.RunAsync();

        Assert.Equal((outcome, new Ratio(declined, succeeded + declined)), (result.Outcome, result.ConversionChargeErrors));
        Assert.Equal(20, (await Rollout.GetAsync((await portal.Admin).Id)).Value.Percentage);
        Assert.Equal(alerts, await portal.EmailKindsToAsync(admin.Email!));
    }

    [Fact]
    public async Task Attempts_from_before_an_admins_change_do_not_count_again()
    {
        await NextWindowAsync(20);
        await portal.RecordConversionAttemptsAsync(await portal.CustomerAsync(), succeeded: 5, declined: 10);
        portal.Clock.Advance(TimeSpan.FromMinutes(10));
        await portal.MoveRolloutToAsync(50, "Cause fixed, raising again");

        var result = await KillSwitch.RunAsync();

        Assert.Equal((KillSwitchOutcome.NotEnoughData, Ratio.Empty, portal.Clock.GetUtcNow()), (result.Outcome, result.ConversionChargeErrors, result.MeasuredSince));
        Assert.Equal(50, (await Rollout.GetAsync((await portal.Admin).Id)).Value.Percentage);
    }

    [Fact]
    public async Task Already_at_zero_it_measures_nothing_and_alerts_nobody()
    {
        var admin = await portal.Admin;
        await NextWindowAsync(0);
        await portal.RecordConversionAttemptsAsync(await portal.CustomerAsync(), succeeded: 0, declined: 20);
        var alerts = await portal.EmailKindsToAsync(admin.Email!);

        var result = await KillSwitch.RunAsync();

        Assert.Equal(KillSwitchOutcome.AlreadyOff, result.Outcome);
        Assert.Equal(alerts, await portal.EmailKindsToAsync(admin.Email!));
        Assert.Equal(0, (await Rollout.GetAsync((await portal.Admin).Id)).Value.Percentage);
    }

    /// <summary>Leaves the previous test's attempts behind the 24-hour window and puts the rollout at <paramref name="percentage"/>.</summary>
    private async Task NextWindowAsync(int percentage)
    {
        portal.Clock.Advance(TimeSpan.FromDays(2));
        await portal.MoveRolloutToAsync(percentage);
    }
}
