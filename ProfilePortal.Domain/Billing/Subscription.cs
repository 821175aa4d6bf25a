using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Payments;

namespace ProfilePortal.Domain.Billing;

/// <summary>
/// An organization's subscription to a plan. Each organization has exactly one current subscription; the
/// Free plan is a subscription too, so the quota and billing code never special-case "no subscription".
/// </summary>
public sealed class Subscription : IVersioned
{
    private Subscription()
    {
    }

    public Guid Id { get; private set; }

    public Guid OrganizationId { get; private set; }

    public string PlanCode { get; private set; } = string.Empty;

    public SubscriptionStatus Status { get; private set; }

    public DateTimeOffset CurrentPeriodStart { get; private set; }

    /// <summary>End of the paid period; null on Free, which never ends.</summary>
    public DateTimeOffset? CurrentPeriodEnd { get; private set; }

    public DateTimeOffset? TrialStartedAt { get; private set; }

    public DateTimeOffset? TrialEndsAt { get; private set; }

    public bool CancelAtPeriodEnd { get; private set; }

    public string? CancellationReason { get; private set; }

    public DateTimeOffset? CanceledAt { get; private set; }

    public decimal? DiscountPercent { get; private set; }

    public DateTimeOffset? DiscountExpiresAt { get; private set; }

    /// <summary>
    /// A downgrade the customer scheduled: the plan the subscription switches to at the end of the current period,
    /// when the renewal charges that plan's price instead of the current one's (ADR-011).
    /// </summary>
    public string? ScheduledPlanCode { get; private set; }

    public DateTimeOffset? PausedAt { get; private set; }

    public DateTimeOffset? PauseEndsAt { get; private set; }

    /// <summary>When the subscription was last paused, for "at most one pause per 6 months".</summary>
    public DateTimeOffset? LastPauseAt { get; private set; }

    /// <summary>When the reminder before the current pause ends was queued; null until then (each pause resets it).</summary>
    public DateTimeOffset? PauseReminderSentAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>
    /// The number of the last paid period, counted over the subscription's whole life and never reset, so
    /// <c>{Id}:{BillingCycle}</c> names one period for ever: it is the idempotency key of the charge for it.
    /// </summary>
    public int BillingCycle { get; private set; }

    /// <summary>
    /// The instant paid periods are counted from: period ends are <c>anchor + n × plan months</c>, so a
    /// subscription bought on the 31st renews on the last day of shorter months and on the 31st again after.
    /// </summary>
    public DateTimeOffset? BillingAnchor { get; private set; }

    /// <summary>The <see cref="BillingCycle"/> that began at <see cref="BillingAnchor"/>.</summary>
    public int AnchorCycle { get; private set; }

    /// <summary>When the renewal sweep may try again after a provider failure or a decline; null means at once.</summary>
    public DateTimeOffset? NextChargeAttemptAt { get; private set; }

    /// <summary>Charges of the current renewal that the card issuer refused, for the retry schedule.</summary>
    public int FailedChargeAttempts { get; private set; }

    /// <summary>
    /// While past due: when access ends unless a charge succeeds first. Set by the first refused charge of a
    /// period and kept through its retries, so retrying never extends the grace.
    /// </summary>
    public DateTimeOffset? GraceEndsAt { get; private set; }

    /// <summary>How many of the reminders before the trial converts were sent (see <see cref="TrialReminderDue"/>).</summary>
    public int TrialRemindersSent { get; private set; }

    public Guid Version { get; set; }

    /// <summary>The plan as loaded with the row; the methods below change <see cref="PlanCode"/> only.</summary>
    public Plan? Plan { get; private set; }

    public bool IsFree => PlanCode == Billing.Plan.FreeCode;

    /// <summary>In a trial: the plan is chosen, nothing is paid yet, access runs to <see cref="TrialEndsAt"/>.</summary>
    public bool IsTrialing => Status == SubscriptionStatus.Trialing;

    /// <summary>
    /// Whether the next charge converts a trial: no period was ever paid since the trial started (it is still
    /// running, or its conversion was declined and is being retried in the grace period).
    /// </summary>
    public bool ConvertsTrial => TrialStartedAt is not null && BillingAnchor is null && !IsFree;

    /// <summary>Whether the organization pays for a plan that currently gives access (not Free, not ended).</summary>
    public bool HasPaidAccess => !IsFree && Status is SubscriptionStatus.Active or SubscriptionStatus.PastDue or SubscriptionStatus.Trialing;

    /// <summary>The idempotency key of the charge for the next period: the gateway's invoice id.</summary>
    /// <summary>
    /// A paid subscription that still runs (trialing, active, past due or paused): its organization cannot be
    /// deleted until it ends.
    /// </summary>
    public bool RunsPaid => !IsFree && Status is SubscriptionStatus.Active or SubscriptionStatus.Trialing
        or SubscriptionStatus.PastDue or SubscriptionStatus.Paused;

    /// <summary>The reason recorded when the subscription ends because its organization was deleted.</summary>
    public const string OrganizationDeletedReason = "organization_deleted";

    /// <summary>Ends a subscription that no longer runs paid, because its organization was deleted (ADR-018).</summary>
    public void EndWithOrganization(DateTimeOffset now)
    {
        if (RunsPaid)
        {
            throw new InvalidOperationException($"Subscription {Id} still runs paid; its organization cannot be deleted.");
        }

        Status = SubscriptionStatus.Canceled;
        CanceledAt ??= now;
        CancellationReason ??= OrganizationDeletedReason;
        CancelAtPeriodEnd = false;
    }

    public string NextPaymentKey => PaymentKey(Id, BillingCycle + 1);

    public static string PaymentKey(Guid subscriptionId, int cycle) => $"{subscriptionId:N}:{cycle}";

    /// <summary>The idempotency key of the payment that paid the current period (none before the first).</summary>
    public string CurrentPaymentKey => PaymentKey(Id, BillingCycle);

    /// <summary>The plan the next renewal charges: a scheduled downgrade's, else the current one.</summary>
    public string RenewalPlanCode => ScheduledPlanCode ?? PlanCode;

    /// <summary>Whether the renewal sweep should charge this subscription (or convert its trial) at <paramref name="now"/>.</summary>
    public bool IsDueForRenewal(DateTimeOffset now) =>
        !IsFree
        && Status is SubscriptionStatus.Active or SubscriptionStatus.Trialing
        && !CancelAtPeriodEnd
        && CurrentPeriodEnd <= now
        && (NextChargeAttemptAt is null || NextChargeAttemptAt <= now);

    /// <summary>
    /// The first charge for <paramref name="plan"/> succeeded: the subscription is active on it from
    /// <paramref name="paidAt"/> for the plan's months. Allowed from Free or after a paid subscription ended.
    /// </summary>
    public void Activate(Plan plan, DateTimeOffset paidAt)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.IsFree)
        {
            throw new InvalidOperationException("The Free plan is not bought.");
        }

        if (HasPaidAccess)
        {
            throw new InvalidOperationException($"Subscription {Id} already runs plan {PlanCode}.");
        }

        PlanCode = plan.Code;
        Status = SubscriptionStatus.Active;
        BillingCycle++;
        AnchorCycle = BillingCycle;
        BillingAnchor = paidAt;
        CurrentPeriodStart = paidAt;
        CurrentPeriodEnd = paidAt.AddMonths(plan.DurationMonths);
        ClearCancellation();
        ClearDunning();
    }

    /// <summary>
    /// A trial of <paramref name="plan"/> from <paramref name="now"/> for <paramref name="length"/>: access to the
    /// plan's allowance without paying; at <see cref="TrialEndsAt"/> the renewal sweep charges the plan's price.
    /// Only from Free: the caller has checked that the user never had a trial.
    /// </summary>
    public void StartTrial(Plan plan, DateTimeOffset now, TimeSpan length)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.IsFree || !plan.IsActive)
        {
            throw new InvalidOperationException($"Plan {plan.Code} cannot be tried.");
        }

        if (HasPaidAccess)
        {
            throw new InvalidOperationException($"Subscription {Id} already runs plan {PlanCode}.");
        }

        PlanCode = plan.Code;
        Status = SubscriptionStatus.Trialing;
        TrialStartedAt = now;
        TrialEndsAt = now + length;
        TrialRemindersSent = 0;
        CurrentPeriodStart = now;
        CurrentPeriodEnd = TrialEndsAt;
        BillingAnchor = null;
        AnchorCycle = BillingCycle;
        ClearCancellation();
        ClearDunning();
    }

    /// <summary>
    /// The conversion charge succeeded: the first paid period starts where the trial ended (not when the sweep or
    /// a retry got to it), so the renewal dates do not drift with the sweep.
    /// </summary>
    public void ConvertTrial(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (!ConvertsTrial || plan.Code != PlanCode || TrialEndsAt is not { } trialEnd)
        {
            throw new InvalidOperationException($"Subscription {Id} on {PlanCode} has no trial to convert to {plan.Code}.");
        }

        BillingCycle++;
        AnchorCycle = BillingCycle;
        BillingAnchor = trialEnd;
        CurrentPeriodStart = trialEnd;
        CurrentPeriodEnd = trialEnd.AddMonths(plan.DurationMonths);
        Status = SubscriptionStatus.Active;
        ClearDunning();
    }

    /// <summary>
    /// The customer cancelled the trial: nothing is charged, access runs to the trial's end, then the sweep
    /// moves the organization to Free.
    /// </summary>
    public void CancelTrial(DateTimeOffset now)
    {
        if (!IsTrialing || CancelAtPeriodEnd)
        {
            throw new InvalidOperationException($"Subscription {Id} has no running trial to cancel.");
        }

        CancelAtPeriodEnd = true;
        CanceledAt = now;
        CancellationReason = TrialCancellationReason;
    }

    /// <summary>The cancellation reason recorded for a cancelled trial.</summary>
    public const string TrialCancellationReason = "trial_cancelled";

    /// <summary>
    /// Which reminder before the conversion is due at <paramref name="now"/>, as an index into
    /// <paramref name="leadTimes"/> (longest lead first, e.g. 24 h then 1 h), or null when none is. When the
    /// sweep comes late and several are due, only the latest is sent: a "24 hours left" mail an hour before the
    /// charge would be wrong.
    /// </summary>
    public int? TrialReminderDue(IReadOnlyList<TimeSpan> leadTimes, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(leadTimes);
        if (!IsTrialing || CancelAtPeriodEnd || TrialEndsAt is not { } end || now >= end)
        {
            return null;
        }

        int? due = null;
        for (var i = TrialRemindersSent; i < leadTimes.Count; i++)
        {
            if (now >= end - leadTimes[i])
            {
                due = i;
            }
        }

        return due;
    }

    /// <summary>Reminder <paramref name="index"/> was queued: it and every earlier one count as sent.</summary>
    public void RecordTrialReminder(int index)
    {
        if (index < TrialRemindersSent)
        {
            throw new InvalidOperationException($"Reminder {index} of subscription {Id} was already sent.");
        }

        TrialRemindersSent = index + 1;
    }

    /// <summary>
    /// A save offer's discount: <paramref name="percent"/> off the charges for the next <paramref name="periods"/>
    /// paid periods. <see cref="DiscountExpiresAt"/> is the end of the last discounted period, counted from the
    /// billing anchor like every period end, so the billing page can show it and a charge knows whether it applies.
    /// </summary>
    public void ApplyDiscount(Plan plan, decimal percent, int periods, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(periods);
        if (percent is <= 0 or >= 100)
        {
            throw new ArgumentOutOfRangeException(nameof(percent), percent, "A discount is between 0 and 100 percent.");
        }

        if (Status != SubscriptionStatus.Active || IsFree || BillingAnchor is not { } anchor || plan.Code != PlanCode)
        {
            throw new InvalidOperationException($"Subscription {Id} has no running paid period to discount.");
        }

        if (HasDiscountAt(now))
        {
            throw new InvalidOperationException($"Subscription {Id} already has a discount until {DiscountExpiresAt:O}.");
        }

        var currentPeriod = BillingCycle - AnchorCycle + 1;
        DiscountPercent = percent;
        DiscountExpiresAt = anchor.AddMonths((currentPeriod + periods) * plan.DurationMonths);
    }

    /// <summary>Whether a discount is in force for a charge of a period that starts at <paramref name="periodStart"/>.</summary>
    public bool HasDiscountAt(DateTimeOffset periodStart) => DiscountPercent is > 0 && DiscountExpiresAt > periodStart;

    /// <summary>
    /// What the period starting at <paramref name="periodStart"/> costs on <paramref name="plan"/>: the plan's total,
    /// less the discount when one covers that period, rounded to the kopeck in the customer's favour.
    /// </summary>
    public Money PriceOfPeriod(Plan plan, DateTimeOffset periodStart)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var total = plan.Total;
        return HasDiscountAt(periodStart)
            ? new Money(decimal.Round(total.Amount * (100m - DiscountPercent!.Value) / 100m, 2, MidpointRounding.ToNegativeInfinity), total.Currency)
            : total;
    }

    /// <summary>
    /// A save offer's pause: billing stops for <paramref name="months"/>; the paid time left is kept and continues
    /// after the pause (see <see cref="Resume"/>). Only a running, paid, not cancelling subscription pauses.
    /// </summary>
    public void Pause(int months, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(months);
        if (!CanPauseAt(now))
        {
            throw new InvalidOperationException($"Subscription {Id} is not a running paid subscription that can pause.");
        }

        Status = SubscriptionStatus.Paused;
        PausedAt = now;
        PauseEndsAt = now.AddMonths(months);
        LastPauseAt = now;
        PauseReminderSentAt = null;
    }

    /// <summary>
    /// Whether <see cref="Pause"/> is allowed at <paramref name="now"/>: an active, paid (not a trial), not cancelling
    /// subscription inside its paid period. The once-per-cooldown rule is the caller's (it is a policy, not a state).
    /// </summary>
    public bool CanPauseAt(DateTimeOffset now) =>
        Status == SubscriptionStatus.Active && !IsFree && !CancelAtPeriodEnd && BillingAnchor is not null && CurrentPeriodEnd > now;

    /// <summary>
    /// While paused: where the paid period will end once the pause runs its full length, i.e. when the first charge
    /// after the pause falls due (the paid time left at the pause continues after it). Null when not paused.
    /// </summary>
    public DateTimeOffset? PeriodEndAfterPause =>
        Status == SubscriptionStatus.Paused && PausedAt is { } pausedAt && PauseEndsAt is { } endsAt && CurrentPeriodEnd is { } periodEnd
            ? periodEnd + (endsAt - pausedAt)
            : null;

    /// <summary>
    /// Whether the reminder before the pause ends is due at <paramref name="now"/>: paused, within
    /// <paramref name="lead"/> of <see cref="PauseEndsAt"/> but not past it, and not sent for this pause yet.
    /// </summary>
    public bool PauseReminderDue(TimeSpan lead, DateTimeOffset now) =>
        Status == SubscriptionStatus.Paused && PauseReminderSentAt is null && PauseEndsAt is { } end && now >= end - lead && now < end;

    /// <summary>The reminder before the pause ends was queued at <paramref name="now"/>: it is not sent again for this pause.</summary>
    public void RecordPauseReminder(DateTimeOffset now)
    {
        if (Status != SubscriptionStatus.Paused || PauseReminderSentAt is not null)
        {
            throw new InvalidOperationException($"Subscription {Id} has no pause waiting for its reminder.");
        }

        PauseReminderSentAt = now;
    }

    /// <summary>
    /// The pause ends (early by the customer, or at <see cref="PauseEndsAt"/> by the sweep): the period, the billing
    /// anchor and a discount's end all move on by the time paused, so the customer loses none of the paid time.
    /// </summary>
    public void Resume(DateTimeOffset now)
    {
        if (Status != SubscriptionStatus.Paused || PausedAt is not { } pausedAt)
        {
            throw new InvalidOperationException($"Subscription {Id} is not paused.");
        }

        var paused = now > pausedAt ? now - pausedAt : TimeSpan.Zero;
        CurrentPeriodEnd += paused;
        BillingAnchor += paused;
        DiscountExpiresAt += paused;
        Status = SubscriptionStatus.Active;
        PausedAt = null;
        PauseEndsAt = null;
        NextChargeAttemptAt = null;
    }

    /// <summary>Whether the sweep should end the pause at <paramref name="now"/>.</summary>
    public bool IsDueToResume(DateTimeOffset now) => Status == SubscriptionStatus.Paused && PauseEndsAt <= now;

    /// <summary>Whether the grace period of a past-due subscription is over at <paramref name="now"/>.</summary>
    public bool IsGraceOver(DateTimeOffset now) => Status == SubscriptionStatus.PastDue && GraceEndsAt <= now;

    /// <summary>
    /// The charge for the next period succeeded: the period moves on by the plan's months. When
    /// <paramref name="plan"/> is the scheduled downgrade's, the subscription switches to it here: its periods are
    /// counted from the end of the old plan's last period.
    /// </summary>
    public void Renew(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var switches = plan.Code == ScheduledPlanCode && plan.Code != PlanCode;
        if (IsFree || (plan.Code != PlanCode && !switches) || CurrentPeriodEnd is not { } end || BillingAnchor is not { } anchor)
        {
            throw new InvalidOperationException($"Subscription {Id} on {PlanCode} cannot renew as {plan.Code}.");
        }

        BillingCycle++;
        CurrentPeriodStart = end;
        if (switches)
        {
            PlanCode = plan.Code;
            ScheduledPlanCode = null;
            AnchorCycle = BillingCycle;
            BillingAnchor = end;
            CurrentPeriodEnd = end.AddMonths(plan.DurationMonths);
        }
        else
        {
            CurrentPeriodEnd = anchor.AddMonths((BillingCycle - AnchorCycle + 1) * plan.DurationMonths);
        }

        Status = SubscriptionStatus.Active;
        ClearDunning();
    }

    /// <summary>
    /// A paid upgrade (ADR-011): the subscription moves to <paramref name="newPlan"/> at once and a new period of its
    /// months starts at <paramref name="now"/>, the new billing anchor. The payment paid the new cycle. A running
    /// discount ends (it was granted on the old plan's periods), a pending cancellation or a scheduled downgrade is
    /// taken back. Only a running, paid (not trialing, past due or paused) subscription changes plans.
    /// </summary>
    public void ChangePlanNow(Plan newPlan, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(newPlan);
        if (newPlan.IsFree || newPlan.Code == PlanCode)
        {
            throw new InvalidOperationException($"Subscription {Id} cannot change from {PlanCode} to {newPlan.Code}.");
        }

        if (Status != SubscriptionStatus.Active || IsFree || BillingAnchor is null)
        {
            throw new InvalidOperationException($"Subscription {Id} is not a running paid subscription that can change plans.");
        }

        PlanCode = newPlan.Code;
        BillingCycle++;
        AnchorCycle = BillingCycle;
        BillingAnchor = now;
        CurrentPeriodStart = now;
        CurrentPeriodEnd = now.AddMonths(newPlan.DurationMonths);
        ScheduledPlanCode = null;
        DiscountPercent = null;
        DiscountExpiresAt = null;
        ClearCancellation();
        ClearDunning();
    }

    /// <summary>
    /// A downgrade (ADR-011): the subscription keeps its plan to the end of the paid period, then the renewal
    /// charges <paramref name="planCode"/>'s price and switches to it. Only a running paid subscription that is not
    /// cancelling schedules one; a second call replaces the first.
    /// </summary>
    public void ScheduleDowngrade(string planCode)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(planCode);
        if (planCode == PlanCode || planCode == Billing.Plan.FreeCode)
        {
            throw new InvalidOperationException($"Subscription {Id} cannot switch from {PlanCode} to {planCode}.");
        }

        if (Status != SubscriptionStatus.Active || IsFree || BillingAnchor is null || CancelAtPeriodEnd)
        {
            throw new InvalidOperationException($"Subscription {Id} is not a running paid subscription that can change plans.");
        }

        ScheduledPlanCode = planCode;
    }

    /// <summary>"Keep current plan": the scheduled downgrade is taken back; the renewal charges the current plan again.</summary>
    public void CancelScheduledDowngrade()
    {
        if (ScheduledPlanCode is null)
        {
            throw new InvalidOperationException($"Subscription {Id} has no plan change scheduled.");
        }

        ScheduledPlanCode = null;
    }

    /// <summary>The provider did not answer: the same charge is resent at <paramref name="retryAt"/>; access is kept.</summary>
    public void PostponeCharge(DateTimeOffset retryAt) => NextChargeAttemptAt = retryAt;

    /// <summary>
    /// The issuer refused the renewal or the trial's conversion at <paramref name="now"/>: past due, access kept
    /// for <paramref name="grace"/> from the first refusal of the period (later refusals keep that end). A soft
    /// refusal is tried again at the next of <paramref name="retryOffsets"/> (counted from the first refusal, e.g.
    /// +1 d, +3 d, +5 d) that is still ahead and inside the grace; a hard one, or a used-up schedule, waits for a
    /// new card.
    /// </summary>
    public void MarkPastDue(DeclineKind kind, IReadOnlyList<TimeSpan> retryOffsets, TimeSpan grace, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(retryOffsets);
        if (Status != SubscriptionStatus.PastDue || GraceEndsAt is null)
        {
            GraceEndsAt = now + grace;
        }

        var firstRefusal = GraceEndsAt.Value - grace;
        Status = SubscriptionStatus.PastDue;
        FailedChargeAttempts++;
        NextChargeAttemptAt = kind == DeclineKind.Hard
            ? null
            : retryOffsets.Select(offset => firstRefusal + offset).Where(at => at > now && at < GraceEndsAt).Order().Cast<DateTimeOffset?>().FirstOrDefault();
    }

    /// <summary>
    /// The customer cancelled: access runs to the end of the paid period, then the renewal sweep moves the
    /// organization to Free instead of charging.
    /// </summary>
    public void CancelAtEnd(string reason, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (!HasPaidAccess)
        {
            throw new InvalidOperationException($"Subscription {Id} has no paid plan to cancel.");
        }

        if (CancelAtPeriodEnd)
        {
            throw new InvalidOperationException($"Subscription {Id} is already cancelled for the period end.");
        }

        CancelAtPeriodEnd = true;
        CanceledAt = now;
        CancellationReason = reason;
    }

    /// <summary>
    /// "Resume subscription": a cancellation scheduled for the period end is taken back before that end, and the
    /// renewals go on as if it had never been made. A trial's cancellation is final (a new trial is not offered).
    /// </summary>
    public void UndoCancellation(DateTimeOffset now)
    {
        if (!CancelAtPeriodEnd || IsTrialing || CurrentPeriodEnd is not { } end || end <= now)
        {
            throw new InvalidOperationException($"Subscription {Id} has no cancellation to take back.");
        }

        ClearCancellation();
    }

    /// <summary>A paid subscription ended (cancelled at period end or unpaid): the organization is on Free again.</summary>
    public void DowngradeToFree(DateTimeOffset now)
    {
        PlanCode = Billing.Plan.FreeCode;
        Status = SubscriptionStatus.Active;
        CurrentPeriodStart = now;
        CurrentPeriodEnd = null;
        BillingAnchor = null;
        CancelAtPeriodEnd = false;
        ScheduledPlanCode = null;
        ClearDunning();
        TrialRemindersSent = 0;
        TrialStartedAt = null;
        TrialEndsAt = null;
        DiscountPercent = null;
        DiscountExpiresAt = null;
    }

    /// <summary>
    /// Hands the subscription, as it stands (plan, period, billing cycle, discount, pause, dunning), to another
    /// organization: an admin's audited move (ADR-022). The caller has checked the target may receive it.
    /// </summary>
    public void MoveTo(Guid organizationId)
    {
        if (organizationId == Guid.Empty || organizationId == OrganizationId)
        {
            throw new ArgumentException("A subscription moves to another, existing organization.", nameof(organizationId));
        }

        OrganizationId = organizationId;
    }

    /// <summary>A new period or plan starts clean: no cancellation pending.</summary>
    private void ClearCancellation()
    {
        CancelAtPeriodEnd = false;
        CanceledAt = null;
        CancellationReason = null;
    }

    /// <summary>A paid (or newly started) period owes nothing: no retry, no refused charges, no grace running.</summary>
    private void ClearDunning()
    {
        NextChargeAttemptAt = null;
        FailedChargeAttempts = 0;
        GraceEndsAt = null;
    }

    /// <summary>The Free subscription every new organization starts with (seed 004).</summary>
    public static Subscription StartFree(Guid organizationId, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        OrganizationId = organizationId,
        PlanCode = Billing.Plan.FreeCode,
        Status = SubscriptionStatus.Active,
        CurrentPeriodStart = now,
        CreatedAt = now,
    };
}
