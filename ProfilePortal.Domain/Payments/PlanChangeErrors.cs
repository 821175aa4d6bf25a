using ProfilePortal.Domain.Common;

namespace ProfilePortal.Domain.Payments;

/// <summary>The expected failures of plan changes (ADR-011), with stable codes the UI localizes.</summary>
public static class PlanChangeErrors
{
    public static readonly Error PlanUnavailable = new("plan_change.plan_unavailable", "This plan is not on sale.");

    public static readonly Error SamePlan = new("plan_change.same_plan", "The subscription already runs this plan.");

    public static readonly Error NoPaidPlan = new("plan_change.no_paid_plan", "There is no paid plan to change. Choose a plan on the pricing page.");

    public static readonly Error Trialing = new(
        "plan_change.trialing", "The plan cannot change during a trial. It converts to the chosen plan at the trial's end.");

    public static readonly Error PastDue = new("plan_change.past_due", "The last charge is unpaid. Update the card first; then the plan can change.");

    public static readonly Error Paused = new("plan_change.paused", "The subscription is paused. Resume it first; then the plan can change.");

    public static readonly Error PeriodEnded = new(
        "plan_change.period_ended", "The current period has ended and its renewal is under way. Try again once it is renewed.");

    public static readonly Error CancellationPending = new(
        "plan_change.cancellation_pending", "The subscription is cancelled for the period end. Resume it first to switch to another plan.");

    public static readonly Error NotAnUpgrade = new(
        "plan_change.not_upgrade", "This plan is shorter or cheaper: it takes effect at the period end instead.");

    public static readonly Error NotADowngrade = new("plan_change.not_downgrade", "This plan is an upgrade: it is paid now and starts at once.");

    public static readonly Error NothingScheduled = new("plan_change.nothing_scheduled", "No plan change is scheduled.");

    public static readonly Error QuoteExpired = new(
        "plan_change.quote_expired", "The price of this upgrade is out of date. Nothing was charged; open the plan change again for a new price.");

    public static readonly Error InProgress = new(
        "plan_change.in_progress", "A payment for the next period is already being processed. Wait a moment and refresh the page.");
}
