using System.Diagnostics.Metrics;

namespace ProfilePortal.Domain.Trials;

/// <summary>
/// The trial funnel and dunning events of seed 002 (B08) as counters under their analytics names; Prometheus
/// sees them as <c>trial_started_total</c>, … <c>grace_expired_total</c>. The same facts are in the database
/// (the trial ledger, payments, audit trail) for the admin dashboards.
/// </summary>
public sealed class BillingMetrics
{
    public const string MeterName = "ProfilePortal.Billing";

    private readonly Counter<long> _trialStarted;
    private readonly Counter<long> _trialReminderSent;
    private readonly Counter<long> _trialConverted;
    private readonly Counter<long> _trialCancelled;
    private readonly Counter<long> _trialConversionFailed;
    private readonly Counter<long> _graceEntered;
    private readonly Counter<long> _graceExpired;
    private readonly Counter<long> _trialFraudSignal;

    public BillingMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _trialStarted = meter.CreateCounter<long>("trial_started", description: "Trials started.");
        _trialReminderSent = meter.CreateCounter<long>("trial_reminder_sent", description: "Reminders queued before a trial converts.");
        _trialConverted = meter.CreateCounter<long>("trial_converted", description: "Trials converted to a paid plan.");
        _trialCancelled = meter.CreateCounter<long>("trial_cancelled", description: "Trials cancelled by the customer.");
        _trialConversionFailed = meter.CreateCounter<long>("trial_conversion_failed", description: "Declined trial conversion charges.");
        _graceEntered = meter.CreateCounter<long>("grace_entered", description: "Subscriptions that entered the grace period after a decline.");
        _graceExpired = meter.CreateCounter<long>("grace_expired", description: "Grace periods that ended without a payment.");
        _trialFraudSignal = meter.CreateCounter<long>("trial_fraud_signal", description: "Trials that broke an antifraud rule: raised a fraud signal or joined an open one.");
    }

    public void TrialStarted(string planCode) => _trialStarted.Add(1, Plan(planCode));

    public void TrialReminderSent(TimeSpan lead) => _trialReminderSent.Add(1, new KeyValuePair<string, object?>("lead_hours", (int)lead.TotalHours));

    public void TrialConverted(string planCode) => _trialConverted.Add(1, Plan(planCode));

    public void TrialCancelled(string planCode) => _trialCancelled.Add(1, Plan(planCode));

    public void TrialConversionFailed(string planCode) => _trialConversionFailed.Add(1, Plan(planCode));

    public void GraceEntered(string planCode) => _graceEntered.Add(1, Plan(planCode));

    public void GraceExpired(string planCode) => _graceExpired.Add(1, Plan(planCode));

    /// <summary>A trial broke an antifraud rule (<c>ip_velocity</c>, <c>shared_card</c>); <paramref name="raised"/> when it opened a new signal.</summary>
    public void TrialFraudSignal(string rule, bool raised) =>
        _trialFraudSignal.Add(1, new KeyValuePair<string, object?>("rule", rule), new KeyValuePair<string, object?>("signal", raised ? "raised" : "joined"));

    private static KeyValuePair<string, object?> Plan(string code) => new("plan", code);
}
