using System.Diagnostics.Metrics;
using ProfilePortal.Domain.Trials;

namespace ProfilePortal.Domain.Retention;

/// <summary>
/// The retention funnel of seed 002 (phases C and D) as counters, exported with the billing meter: the
/// cancellation flow, its offers, pauses, win-back emails and plan changes. The save rate is not a counter: it
/// needs 30 days of hindsight and is computed from the cancellation feedback rows (docs/retention.md).
/// </summary>
public sealed class RetentionMetrics
{
    private readonly Counter<long> _flowStarted;
    private readonly Counter<long> _flowCompleted;
    private readonly Counter<long> _offerShown;
    private readonly Counter<long> _offerAccepted;
    private readonly Counter<long> _cancellationResumed;
    private readonly Counter<long> _pauseStarted;
    private readonly Counter<long> _pauseResumed;
    private readonly Counter<long> _winBackSent;
    private readonly Counter<long> _winBackConverted;
    private readonly Counter<long> _planChanged;

    public RetentionMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(BillingMetrics.MeterName);
        _flowStarted = meter.CreateCounter<long>("cancellation_flow_started", description: "Cancellation flows started (a reason was given).");
        _flowCompleted = meter.CreateCounter<long>("cancellation_flow_completed", description: "Cancellation flows that ended: cancelled, or saved by an offer.");
        _offerShown = meter.CreateCounter<long>("save_offer_shown", description: "Save offers shown in the cancellation flow, per type.");
        _offerAccepted = meter.CreateCounter<long>("save_offer_accepted", description: "Save offers accepted, per type.");
        _cancellationResumed = meter.CreateCounter<long>("cancellation_resumed", description: "Scheduled cancellations taken back before the period end.");
        _pauseStarted = meter.CreateCounter<long>("pause_started", description: "Subscriptions paused.");
        _pauseResumed = meter.CreateCounter<long>("pause_resumed", description: "Pauses ended, early by the customer or at their end by the sweep.");
        _winBackSent = meter.CreateCounter<long>("winback_sent", description: "Win-back emails queued, per step.");
        _winBackConverted = meter.CreateCounter<long>("winback_converted", description: "Paid plans bought after a win-back email.");
        _planChanged = meter.CreateCounter<long>("plan_changed", description: "Plan changes of running subscriptions: upgrades now, downgrades at the period end.");
    }

    /// <summary>A reason was given: the flow (<c>full</c> or <c>simple</c>) started.</summary>
    public void FlowStarted(string flow) => _flowStarted.Add(1, new KeyValuePair<string, object?>("flow", flow));

    /// <summary>The flow ended with <paramref name="outcome"/>: <c>cancelled</c> or <c>saved</c>.</summary>
    public void FlowCompleted(string flow, string outcome) =>
        _flowCompleted.Add(1, new KeyValuePair<string, object?>("flow", flow), new KeyValuePair<string, object?>("outcome", outcome));

    public void OfferShown(SaveOfferKind kind) => _offerShown.Add(1, Offer(kind));

    public void OfferAccepted(SaveOfferKind kind) => _offerAccepted.Add(1, Offer(kind));

    public void CancellationResumed() => _cancellationResumed.Add(1);

    public void PauseStarted(int months) => _pauseStarted.Add(1, new KeyValuePair<string, object?>("months", months));

    /// <summary>A pause ended: <paramref name="early"/> when the customer resumed before its end.</summary>
    public void PauseResumed(bool early) => _pauseResumed.Add(1, new KeyValuePair<string, object?>("trigger", early ? "customer" : "scheduled"));

    /// <summary>A win-back email went out: <paramref name="step"/> 1 (first delay) or 2 (second delay).</summary>
    public void WinBackSent(int step) => _winBackSent.Add(1, new KeyValuePair<string, object?>("step", step));

    public void WinBackConverted(string planCode) => _winBackConverted.Add(1, new KeyValuePair<string, object?>("plan", planCode));

    /// <summary>A running subscription moved plans: <paramref name="direction"/> is <c>upgrade</c> or <c>downgrade</c>.</summary>
    public void PlanChanged(string direction, string planCode) =>
        _planChanged.Add(1, new KeyValuePair<string, object?>("direction", direction), new KeyValuePair<string, object?>("plan", planCode));

    private static KeyValuePair<string, object?> Offer(SaveOfferKind kind) => new("offer", kind switch
    {
        SaveOfferKind.Pause => "pause",
        SaveOfferKind.Discount => "discount",
        SaveOfferKind.LongerPlan => "longer_plan",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    });
}
