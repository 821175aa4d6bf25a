using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProfilePortal.Domain.Activity;
using ProfilePortal.Domain.Audit;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Notifications;
using ProfilePortal.Domain.Profile;
using ProfilePortal.Domain.Quotas;
using ProfilePortal.Domain.Retention;
using ProfilePortal.Domain.Trials;

namespace ProfilePortal.Domain.Payments;

/// <summary>The person a payment's emails go to.</summary>
public sealed record BillingContact(Guid UserId, string Email, string DisplayName, string Language, string? TimeZone);

/// <summary>
/// What a settled payment does, in the caller's context and save: a paid plan period activates or renews the
/// subscription, a paid pack adds its launches to the current quota period; every state change goes to the
/// audit trail, and the receipt email is queued with the payment. Shared by the customer's checkout, the
/// provider's notifications and the renewal sweep, so each path settles a payment the same way.
/// </summary>
public sealed class PaymentSettlement(
    EmailOutbox outbox,
    BillingMetrics metrics,
    RetentionMetrics retention,
    WinBackService winBacks,
    IOptions<BillingOptions> options,
    IOptions<PortalLinkOptions> links,
    TimeProvider clock)
{
    /// <summary>The audit trail's record of one attempt that took the money; the payment row keeps only the last outcome.</summary>
    public const string SucceededAction = "payment.succeeded";

    /// <summary>The audit trail's record of one attempt the issuer refused.</summary>
    public const string DeclinedAction = "payment.declined";

    /// <summary>The audit trail's target type of a payment; the target id is the payment's id.</summary>
    public const string AuditTarget = "payment";

    /// <summary>
    /// Records a success and its effects. Returns false, changing nothing, when the payment was already
    /// settled (a replayed notification, a resent charge). A caller that settles many trial conversions at once
    /// passes <paramref name="runningTrials"/>, read for all of them with <see cref="RunningTrialsAsync"/>;
    /// without it, a conversion reads its subscription's running trial by itself.
    /// </summary>
    public async Task<bool> SucceedAsync(
        IPortalDbContext db,
        Payment payment,
        string transactionId,
        Subscription? subscription,
        Plan? plan,
        BillingContact? contact,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<Guid, Trial>? runningTrials = null)
    {
        var now = clock.GetUtcNow();
        if (payment.Status is PaymentStatus.Succeeded or PaymentStatus.Refunded or PaymentStatus.PartiallyRefunded)
        {
            return false;
        }

        if (subscription is not null && payment.BillingCycle is { } cycle && subscription.BillingCycle >= cycle)
        {
            // The period is already paid: another writer settled this payment between our reads of the payment
            // and the subscription. Nothing is saved; the caller reads both again and finds it settled.
            throw new DbUpdateConcurrencyException($"Payment {payment.Id} for cycle {cycle} was settled concurrently.");
        }

        if (!payment.Succeed(transactionId, now))
        {
            return false;
        }

        Audit(db, payment, SucceededAction, [new("Status", "Pending", "Succeeded"), new("TransactionId", null, transactionId)], now);
        metrics.PaymentAttempt(payment.Purpose, succeeded: true, await GenerationAsync(db, payment, plan, cancellationToken));
        switch (payment.Purpose)
        {
            case PaymentPurpose.Subscription:
                ActivateSubscription(db, payment, Require(subscription), Require(plan), now);
                await winBacks.RecordConversionAsync(db, payment.OrganizationId, plan!.Code, cancellationToken);
                break;
            case PaymentPurpose.Renewal:
                RenewSubscription(db, payment, Require(subscription), Require(plan), now);
                break;
            case PaymentPurpose.TrialConversion:
                await ConvertTrialAsync(db, payment, Require(subscription), Require(plan), now, runningTrials, cancellationToken);
                break;
            case PaymentPurpose.QuotaPack:
                await AddPackAsync(db, payment, now, cancellationToken);
                break;
            case PaymentPurpose.Upgrade:
                ChangePlanNow(db, Require(subscription), Require(plan), payment, payment.InitiatedByUserId, now);
                break;
            default:
                throw new InvalidOperationException($"Unknown payment purpose {payment.Purpose}.");
        }

        if (contact is not null)
        {
            db.EmailMessages.Add(await ComposeReceiptAsync(payment, subscription, contact, cancellationToken));
        }

        return true;
    }

    /// <summary>
    /// Records a decline. A renewal or a trial's conversion puts the subscription past due: access is kept for
    /// the grace period, the next try follows the retry schedule (a hard decline waits for a new card), and the
    /// <paramref name="contact"/> gets an email asking to update the card.
    /// </summary>
    public async Task DeclineAsync(
        IPortalDbContext db, Payment payment, ChargeOutcome.Declined declined, Subscription? subscription, BillingContact? contact,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        payment.Decline(declined.Code, declined.Reason, declined.Kind);
        Audit(db, payment, DeclinedAction, [new("Status", "Pending", "Failed"), new("Reason", null, $"{declined.Code} {declined.Reason}")], now);
        metrics.PaymentAttempt(payment.Purpose, succeeded: false, await GenerationAsync(db, payment, subscription?.Plan, cancellationToken));
        if (payment.Purpose is not (PaymentPurpose.Renewal or PaymentPurpose.TrialConversion) || subscription is null)
        {
            return;
        }

        var before = subscription.Status;
        subscription.MarkPastDue(declined.Kind, options.Value.RetrySchedule, options.Value.GracePeriod, now);
        AuditSubscription(
            db, subscription, payment.InitiatedByUserId, "subscription.past_due",
            [new("Status", before.ToString(), subscription.Status.ToString()), new("GraceEndsAt", null, Iso(subscription.GraceEndsAt))], now);
        if (before != SubscriptionStatus.PastDue)
        {
            metrics.GraceEntered(subscription.PlanCode);
        }

        if (payment.Purpose == PaymentPurpose.TrialConversion)
        {
            metrics.TrialConversionFailed(subscription.PlanCode);
        }

        if (contact is not null)
        {
            var model = new PaymentFailedModel(
                contact.DisplayName,
                payment.Description,
                payment.Total,
                payment.CardMask ?? string.Empty,
                declined.Reason,
                NeedsNewCard: declined.Kind == DeclineKind.Hard,
                subscription.NextChargeAttemptAt is { } retry ? TimeZones.ToLocal(retry, contact.TimeZone) : null,
                TimeZones.ToLocal(subscription.GraceEndsAt!.Value, contact.TimeZone),
                links.Value.Link("billing"));
            db.EmailMessages.Add(await outbox.PrepareAsync(contact.Email, contact.Language, model, cancellationToken));
        }
    }

    /// <summary>
    /// The grace period ended unpaid: the organization goes back to Free, a converting trial ends as expired,
    /// and the <paramref name="contact"/> is told. <paramref name="runningTrials"/> as for <see cref="SucceedAsync"/>.
    /// </summary>
    public async Task ExpireAsync(
        IPortalDbContext db, Subscription subscription, Plan plan, BillingContact? contact, CancellationToken cancellationToken,
        IReadOnlyDictionary<Guid, Trial>? runningTrials = null)
    {
        var now = clock.GetUtcNow();
        var wasTrial = subscription.ConvertsTrial;
        subscription.DowngradeToFree(now);
        AuditSubscription(
            db, subscription, null, "subscription.expired",
            [new("Plan", plan.Code, Plan.FreeCode), new("Status", SubscriptionStatus.PastDue.ToString(), subscription.Status.ToString())], now);
        if (wasTrial && await RunningTrialAsync(db, subscription.Id, runningTrials, cancellationToken) is { } trial)
        {
            trial.End(TrialOutcome.Expired, now);
        }

        metrics.GraceExpired(plan.Code);
        if (contact is not null)
        {
            var model = new SubscriptionExpiredModel(contact.DisplayName, plan.Name, links.Value.Link("pricing"));
            db.EmailMessages.Add(await outbox.PrepareAsync(contact.Email, contact.Language, model, cancellationToken));
        }
    }

    /// <summary>The provider did not answer: the attempt stays open; a renewal is tried again after a delay.</summary>
    public void Postpone(Payment payment, ChargeOutcome.Failed failed, Subscription? subscription)
    {
        payment.RecordProviderFailure(failed.Reason);
        if (payment.Purpose is PaymentPurpose.Renewal or PaymentPurpose.TrialConversion)
        {
            subscription?.PostponeCharge(clock.GetUtcNow() + options.Value.ProviderRetryDelay);
        }
    }

    private static void ActivateSubscription(IPortalDbContext db, Payment payment, Subscription subscription, Plan plan, DateTimeOffset now)
    {
        var before = subscription.PlanCode;
        subscription.Activate(plan, now);
        AuditSubscription(
            db,
            subscription,
            payment.InitiatedByUserId,
            "subscription.activated",
            [new("Plan", before, plan.Code), new("Status", null, subscription.Status.ToString()), new("PeriodEnd", null, Iso(subscription.CurrentPeriodEnd))],
            now);
        if (payment.InitiatedByUserId is { } buyer)
        {
            db.ActivityEvents.Add(ActivityEvent.Record(buyer, payment.OrganizationId, ActivityKind.PlanChanged, $"{before} → {plan.Code}", now));
        }
    }

    /// <summary>
    /// An upgrade takes effect (ADR-011): paid by <paramref name="payment"/>, or without one when the credit covered the
    /// new plan's price. The subscription moves to <paramref name="plan"/> with a new period from <paramref name="now"/>.
    /// </summary>
    public void ChangePlanNow(IPortalDbContext db, Subscription subscription, Plan plan, Payment? payment, Guid? actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(plan);
        var before = subscription.PlanCode;
        var cancelled = subscription.CancelAtPeriodEnd;
        subscription.ChangePlanNow(plan, now);
        List<FieldChange> changes =
        [
            new("Plan", before, plan.Code),
            new("PeriodEnd", null, Iso(subscription.CurrentPeriodEnd)),
            new("Payment", null, payment?.Id.ToString() ?? "none: the credit covered the price"),
        ];
        if (cancelled)
        {
            changes.Add(new("CancelAtPeriodEnd", "True", "False"));
        }

        AuditSubscription(db, subscription, actor, "subscription.upgraded", [.. changes], now);
        if (actor is { } user)
        {
            db.ActivityEvents.Add(ActivityEvent.Record(user, subscription.OrganizationId, ActivityKind.PlanChanged, $"{before} → {plan.Code}", now));
        }

        retention.PlanChanged("upgrade", plan.Code);
    }

    private void RenewSubscription(IPortalDbContext db, Payment payment, Subscription subscription, Plan plan, DateTimeOffset now)
    {
        var before = subscription.CurrentPeriodEnd;
        var status = subscription.Status;
        var planBefore = subscription.PlanCode;
        subscription.Renew(plan);
        AuditSubscription(
            db,
            subscription,
            payment.InitiatedByUserId,
            "subscription.renewed",
            [new("PeriodEnd", Iso(before), Iso(subscription.CurrentPeriodEnd)), new("Status", status.ToString(), subscription.Status.ToString()), new("Payment", null, payment.Id.ToString())],
            now);
        if (planBefore != subscription.PlanCode)
        {
            // The scheduled downgrade took effect with this renewal.
            AuditSubscription(db, subscription, null, "subscription.downgraded", [new("Plan", planBefore, subscription.PlanCode)], now);
            retention.PlanChanged("downgrade", subscription.PlanCode);
        }
    }

    private async Task ConvertTrialAsync(
        IPortalDbContext db, Payment payment, Subscription subscription, Plan plan, DateTimeOffset now, IReadOnlyDictionary<Guid, Trial>? runningTrials,
        CancellationToken cancellationToken)
    {
        var status = subscription.Status;
        subscription.ConvertTrial(plan);
        AuditSubscription(
            db,
            subscription,
            null,
            "subscription.trial_converted",
            [new("Status", status.ToString(), subscription.Status.ToString()), new("PeriodEnd", null, Iso(subscription.CurrentPeriodEnd)), new("Payment", null, payment.Id.ToString())],
            now);
        if (await RunningTrialAsync(db, subscription.Id, runningTrials, cancellationToken) is { } trial)
        {
            trial.End(TrialOutcome.Converted, now);
        }

        metrics.TrialConverted(plan.Code);
    }

    /// <summary>
    /// The running trial (the latest started, should there be several) of each of <paramref name="subscriptionIds"/>
    /// that has one, tracked, in one query: for a caller that settles a batch, instead of a query per subscription.
    /// </summary>
    public static async Task<IReadOnlyDictionary<Guid, Trial>> RunningTrialsAsync(
        IPortalDbContext db, List<Guid> subscriptionIds, CancellationToken cancellationToken) =>
        subscriptionIds.Count == 0
            ? new Dictionary<Guid, Trial>()
            : (await db.Trials.Where(t => subscriptionIds.Contains(t.SubscriptionId) && t.Outcome == TrialOutcome.Running).ToListAsync(cancellationToken))
                .GroupBy(t => t.SubscriptionId)
                .ToDictionary(g => g.Key, g => g.MaxBy(t => t.StartedAt)!);

    private static async Task<Trial?> RunningTrialAsync(
        IPortalDbContext db, Guid subscriptionId, IReadOnlyDictionary<Guid, Trial>? runningTrials, CancellationToken cancellationToken) =>
        runningTrials is not null
            ? runningTrials.GetValueOrDefault(subscriptionId)
            : await db.Trials.Where(t => t.SubscriptionId == subscriptionId && t.Outcome == TrialOutcome.Running)
                .OrderByDescending(t => t.StartedAt)
                .FirstOrDefaultAsync(cancellationToken);

    private static async Task AddPackAsync(IPortalDbContext db, Payment payment, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var launches = await db.QuotaPacks.Where(p => p.Code == payment.PackCode).Select(p => p.Launches).FirstAsync(cancellationToken);
        var basis = await QuotaService.BasisQuery(db, payment.OrganizationId).FirstAsync(cancellationToken);
        var period = QuotaService.PeriodOf(basis, now);
        var grant = QuotaGrant.FromPack(payment.OrganizationId, payment.PackCode!, launches, payment.InitiatedByUserId!.Value, period, now);
        db.QuotaGrants.Add(grant);
        db.AuditEntries.Add(AuditEntry.Record(
            payment.InitiatedByUserId, "quota.pack_purchased", "organization", payment.OrganizationId.ToString(), payment.OrganizationId,
            FieldChange.Describe([new("Launches", null, launches.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("Pack", null, payment.PackCode)]), now));
        db.ActivityEvents.Add(ActivityEvent.Record(payment.InitiatedByUserId.Value, payment.OrganizationId, ActivityKind.QuotaChanged, $"+{launches} ({payment.PackCode})", now));
    }

    private async Task<EmailMessage> ComposeReceiptAsync(Payment payment, Subscription? subscription, BillingContact contact, CancellationToken cancellationToken)
    {
        var forPeriod = payment.Purpose != PaymentPurpose.QuotaPack && subscription is not null;
        var model = new PaymentReceiptModel(
            contact.DisplayName,
            payment.ReceiptNumber,
            payment.Description,
            payment.Total,
            TimeZones.ToLocal(payment.SucceededAt!.Value, contact.TimeZone),
            payment.CardMask ?? string.Empty,
            forPeriod ? TimeZones.ToLocal(subscription!.CurrentPeriodStart, contact.TimeZone) : null,
            forPeriod && subscription!.CurrentPeriodEnd is { } end ? TimeZones.ToLocal(end, contact.TimeZone) : null,
            links.Value.Link($"billing/receipts/{payment.Id}"));
        return await outbox.PrepareAsync(contact.Email, contact.Language, model, cancellationToken);
    }

    /// <summary>The generation of the plan a payment is for, as the legacy renewal alert tells them apart; null for a quota pack.</summary>
    private static async Task<PlanGeneration?> GenerationAsync(IPortalDbContext db, Payment payment, Plan? known, CancellationToken cancellationToken)
    {
        if (payment.PlanCode is not { } code)
        {
            return null;
        }

        return known?.Code == code
            ? known.Generation
            : await db.Plans.AsNoTracking().Where(p => p.Code == code).Select(p => (PlanGeneration?)p.Generation).FirstOrDefaultAsync(cancellationToken);
    }

    private static void Audit(IPortalDbContext db, Payment payment, string action, FieldChange[] changes, DateTimeOffset now) =>
        db.AuditEntries.Add(AuditEntry.Record(
            payment.InitiatedByUserId, action, AuditTarget, payment.Id.ToString(), payment.OrganizationId, FieldChange.Describe(changes), now));

    private static void AuditSubscription(IPortalDbContext db, Subscription subscription, Guid? actor, string action, FieldChange[] changes, DateTimeOffset now) =>
        db.AuditEntries.Add(AuditEntry.Record(
            actor, action, "subscription", subscription.Id.ToString(), subscription.OrganizationId, FieldChange.Describe(changes), now));

    private static string? Iso(DateTimeOffset? instant) => instant?.ToString("O", System.Globalization.CultureInfo.InvariantCulture);

    private static T Require<T>(T? value)
        where T : class => value ?? throw new InvalidOperationException($"A {typeof(T).Name} is needed to settle this payment.");
}
