namespace ProfilePortal.Domain.Dashboards;

/// <summary>
/// The names of the daily figures (docs/admin-guide.md "Dashboards" gives each formula). Counts are of what happened
/// during the UTC day; snapshots are the state when the rollup last ran that day.
/// </summary>
public static class DashboardMetrics
{
    /// <summary>Snapshot, by plan: the monthly price of every paying subscription (active or past due), after a running discount.</summary>
    public const string Mrr = "mrr";

    /// <summary>Snapshot, by plan: subscriptions active or past due on a paid plan.</summary>
    public const string ActiveSubscriptions = "active_subscriptions";

    /// <summary>Snapshot, by plan: subscriptions in a trial.</summary>
    public const string TrialingSubscriptions = "trialing_subscriptions";

    /// <summary>Snapshot, by plan: paused subscriptions.</summary>
    public const string PausedSubscriptions = "paused_subscriptions";

    /// <summary>By plan: first charges of a subscription that succeeded (bought outright or converted from a trial).</summary>
    public const string NewSubscriptions = "new_subscriptions";

    public const string TrialsStarted = "trials_started";

    /// <summary>Trial starts that succeeded or failed (antifraud blocks count neither way, ADR-016).</summary>
    public const string TrialActivationAttempts = "trial_activation_attempts";

    /// <summary>Of <see cref="TrialActivationAttempts"/>, the ones that started a trial.</summary>
    public const string TrialActivations = "trial_activations";

    /// <summary>Trials that ended (converted, cancelled or expired).</summary>
    public const string TrialsEnded = "trials_ended";

    /// <summary>Of <see cref="TrialsEnded"/>, the ones that converted to paid.</summary>
    public const string TrialsConverted = "trials_converted";

    /// <summary>Charge attempts that settled (succeeded or declined), whatever they paid for.</summary>
    public const string ChargeAttempts = "charge_attempts";

    /// <summary>Of <see cref="ChargeAttempts"/>, the declined ones.</summary>
    public const string ChargeDeclines = "charge_declines";

    /// <summary>Emails queued that day that were sent or gave up (suppressed and still pending ones do not count).</summary>
    public const string EmailsSettled = "emails_settled";

    /// <summary>Of <see cref="EmailsSettled"/>, the sent ones.</summary>
    public const string EmailsSent = "emails_sent";

    /// <summary>Full cancellation flows begun that day.</summary>
    public const string CancellationFlowsStarted = "cancellation_flows_started";

    /// <summary>Of <see cref="CancellationFlowsStarted"/>, the ones that reached a decision (cancelled or saved).</summary>
    public const string CancellationFlowsCompleted = "cancellation_flows_completed";

    /// <summary>Flows ended by an accepted offer that day, counted once their 30-day window is over.</summary>
    public const string Saves = "saves";

    /// <summary>Of <see cref="Saves"/>, the ones not followed by a cancellation within 30 days.</summary>
    public const string SavesKept = "saves_kept";

    /// <summary>Paid subscriptions lost that day: cancellations confirmed plus subscriptions expired after an unpaid grace period.</summary>
    public const string Churned = "churned";

    public const string PausesStarted = "pauses_started";

    /// <summary>Pauses that ended that day by a resumption or by the subscription ending.</summary>
    public const string PausesDecided = "pauses_decided";

    /// <summary>Of <see cref="PausesDecided"/>, the ones that resumed.</summary>
    public const string PausesResumed = "pauses_resumed";

    /// <summary>The state figures: written for the current day only, so a past day keeps its last snapshot.</summary>
    public static IReadOnlySet<string> Snapshots { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Mrr, ActiveSubscriptions, TrialingSubscriptions, PausedSubscriptions,
    };
}
