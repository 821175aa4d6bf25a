using System.Diagnostics.Metrics;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Payments;

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
    private readonly Counter<long> _paymentAttempt;
    private readonly Counter<long> _trialActivationAttempt;

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
        _paymentAttempt = meter.CreateCounter<long>(
            "payment_attempt", description: "Settled charge attempts (the money was taken or the issuer declined), per purpose and plan generation.");
        _trialActivationAttempt = meter.CreateCounter<long>(
            "trial_activation_attempt", description: "Trial activation attempts of eligible customers: succeeded, failed or blocked.");
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

    /// <summary>
    /// A charge attempt settled, as the audit trail records it (<c>payment.succeeded</c>, <c>payment.declined</c>):
    /// tagged with its <c>purpose</c>, <c>outcome</c> (<c>succeeded</c>, <c>declined</c>) and the <c>generation</c>
    /// of its plan (<c>legacy</c>, <c>new</c>; <c>none</c> for a quota pack).
    /// </summary>
    public void PaymentAttempt(PaymentPurpose purpose, bool succeeded, PlanGeneration? generation) =>
        _paymentAttempt.Add(
            1,
            new KeyValuePair<string, object?>("purpose", PurposeTag(purpose)),
            new KeyValuePair<string, object?>("outcome", succeeded ? "succeeded" : "declined"),
            new KeyValuePair<string, object?>("generation", GenerationTag(generation)));

    /// <summary>An eligible customer's trial activation ended with <paramref name="outcome"/>, as its stored attempt says (ADR-016).</summary>
    public void TrialActivationAttempt(TrialActivationOutcome outcome, string planCode) =>
        _trialActivationAttempt.Add(
            1,
            new KeyValuePair<string, object?>("outcome", outcome switch
            {
                TrialActivationOutcome.Succeeded => "succeeded",
                TrialActivationOutcome.Failed => "failed",
                TrialActivationOutcome.Blocked => "blocked",
                _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
            }),
            Plan(planCode));

    private static KeyValuePair<string, object?> Plan(string code) => new("plan", code);

    private static string PurposeTag(PaymentPurpose purpose) => purpose switch
    {
        PaymentPurpose.Subscription => "subscription",
        PaymentPurpose.Renewal => "renewal",
        PaymentPurpose.QuotaPack => "quota_pack",
        PaymentPurpose.TrialConversion => "trial_conversion",
        PaymentPurpose.Upgrade => "upgrade",
        _ => throw new ArgumentOutOfRangeException(nameof(purpose), purpose, null),
    };

    private static string GenerationTag(PlanGeneration? generation) => generation switch
    {
        null => "none",
        PlanGeneration.Free => "free",
        PlanGeneration.Legacy => "legacy",
        PlanGeneration.New => "new",
        _ => throw new ArgumentOutOfRangeException(nameof(generation), generation, null),
    };
}
