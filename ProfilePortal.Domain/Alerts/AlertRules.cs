namespace ProfilePortal.Domain.Alerts;

/// <summary>
/// Seed 002 §3's alert thresholds (ADR-013): the name, the default threshold, window and minimum sample of each.
/// <see cref="AlertOptions.Rules"/> overrides any of them per rule.
/// </summary>
public static class AlertRules
{
    /// <summary>Declined charge attempts of all settled attempts, any purpose (phase A: &gt; 5 % in an hour).</summary>
    public const string BillingErrorRate = "billing_error_rate";

    /// <summary>Paid subscriptions started (bought or converted from a trial) in 24 h (phase A: &lt; 1).</summary>
    public const string NewSubscriptions = "new_subscriptions";

    /// <summary>Successful renewal attempts of legacy plans of all settled ones (phase A: &lt; 95 %).</summary>
    public const string LegacyRenewalSuccess = "legacy_renewal_success";

    /// <summary>Started trials of the activation attempts, blocked ones aside (phase B: &lt; 90 %, ADR-016).</summary>
    public const string TrialActivation = "trial_activation";

    /// <summary>Converted trials of the trials that ended (phase B: &lt; 15 %, the kill metric).</summary>
    public const string TrialToPaid = "trial_to_paid";

    /// <summary>Sent emails of the emails that were sent or gave up (phase B: &lt; 95 %).</summary>
    public const string EmailDelivery = "email_delivery";

    /// <summary>Subscriptions that expired of those that entered the grace period (phase B: &gt; 50 %).</summary>
    public const string GraceExpired = "grace_expired";

    /// <summary>Trials started from the busiest single IP address in a day (phase B: more than 5).</summary>
    public const string TrialsPerIp = "trials_per_ip";

    /// <summary>Cancellation flows that reached a decision of those begun (phase C: &lt; 80 %).</summary>
    public const string CancellationCompletion = "cancellation_completion";

    /// <summary>Growth of cancellations this week over the previous week, in percent (phase C: &gt; 20 %).</summary>
    public const string WeeklyChurnIncrease = "weekly_churn_increase";

    /// <summary>Paused subscriptions that resumed of those whose pause was decided (phase D: &lt; 50 %).</summary>
    public const string PauseResume = "pause_resume";

    /// <summary>The rules with their seed 002 defaults, in the order the admin home lists them.</summary>
    public static IReadOnlyList<AlertRule> Defaults { get; } =
    [
        new(BillingErrorRate, AlertSeverity.Critical, AlertUnit.Percent, AlertComparison.Above, 5, TimeSpan.FromHours(1), 20),
        new(NewSubscriptions, AlertSeverity.Warning, AlertUnit.Count, AlertComparison.Below, 1, TimeSpan.FromHours(24), 1),
        new(LegacyRenewalSuccess, AlertSeverity.Critical, AlertUnit.Percent, AlertComparison.Below, 95, TimeSpan.FromHours(24), 20),
        new(TrialActivation, AlertSeverity.Warning, AlertUnit.Percent, AlertComparison.Below, 90, TimeSpan.FromHours(24), 20),
        new(TrialToPaid, AlertSeverity.Critical, AlertUnit.Percent, AlertComparison.Below, 15, TimeSpan.FromDays(7), 20),
        new(EmailDelivery, AlertSeverity.Warning, AlertUnit.Percent, AlertComparison.Below, 95, TimeSpan.FromHours(24), 20),
        new(GraceExpired, AlertSeverity.Warning, AlertUnit.Percent, AlertComparison.Above, 50, TimeSpan.FromDays(30), 10),
        new(TrialsPerIp, AlertSeverity.Warning, AlertUnit.Count, AlertComparison.Above, 5, TimeSpan.FromHours(24), 0),
        new(CancellationCompletion, AlertSeverity.Warning, AlertUnit.Percent, AlertComparison.Below, 80, TimeSpan.FromDays(7), 20),
        new(WeeklyChurnIncrease, AlertSeverity.Warning, AlertUnit.Percent, AlertComparison.Above, 20, TimeSpan.FromDays(7), 10),
        new(PauseResume, AlertSeverity.Warning, AlertUnit.Percent, AlertComparison.Below, 50, TimeSpan.FromDays(90), 10),
    ];

    public static AlertRule? Default(string name) => Defaults.FirstOrDefault(r => r.Name == name);

    /// <summary>The rules in force: the defaults with the configured overrides, without the disabled ones.</summary>
    public static IReadOnlyList<AlertRule> Effective(AlertOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var rules = new List<AlertRule>();
        foreach (var rule in Defaults)
        {
            if (!options.Rules.TryGetValue(rule.Name, out var settings))
            {
                rules.Add(rule);
            }
            else if (settings.Enabled)
            {
                rules.Add(rule with
                {
                    Threshold = settings.Threshold ?? rule.Threshold,
                    Window = settings.Window ?? rule.Window,
                    MinimumSample = settings.MinimumSample ?? rule.MinimumSample,
                });
            }
        }

        return rules;
    }
}
