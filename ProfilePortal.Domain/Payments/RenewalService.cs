using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ProfilePortal.Domain.Audit;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Domain.Organizations;
using ProfilePortal.Domain.Quotas;
using ProfilePortal.Domain.Retention;

namespace ProfilePortal.Domain.Payments;

/// <summary>
/// What one run of the renewal sweep did: periods renewed, trials converted, charges declined or postponed,
/// subscriptions ended (cancelled for the period end) and expired (grace over).
/// </summary>
public sealed record RenewalSweepResult(int Renewed, int Declined, int Postponed, int Ended, int Converted = 0, int Expired = 0, int Resumed = 0)
{
    public int Total => Renewed + Declined + Postponed + Ended + Converted + Expired + Resumed;

    public RenewalSweepResult Add(RenewalSweepResult other) =>
        new(Renewed + other.Renewed, Declined + other.Declined, Postponed + other.Postponed, Ended + other.Ended,
            Converted + other.Converted, Expired + other.Expired, Resumed + other.Resumed);
}

/// <summary>
/// The renewal sweep: charges the saved card of every paid subscription whose period has ended (legacy and new
/// plans alike) and moves the period on, converts the trials that have ended the same way (their first period
/// is the chosen plan's), ends the subscriptions and trials cancelled for the period end, and sends the past-due
/// ones whose grace is over back to Free. A refused charge puts the subscription past due with retries on the
/// schedule and a dunning email. Works in batches,
/// two saves per batch: first the payments with their attempts opened (each keyed by subscription + period),
/// then the outcomes. A crash between the two leaves open attempts that the next run resends with the same
/// request ids, which the provider answers without charging again.
/// </summary>
public sealed partial class RenewalService(
    IPortalDbContextFactory dbFactory,
    IPaymentGateway gateway,
    PaymentSettlement settlement,
    QuotaService quotas,
    RetentionMetrics retentionMetrics,
    IOptions<BillingOptions> options,
    TimeProvider clock,
    ILogger<RenewalService> logger)
{
    public async Task<RenewalSweepResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var plans = await LoadPlansAsync(cancellationToken);
        var resumed = await ResumePausedAsync(cancellationToken);
        var total = new RenewalSweepResult(0, 0, 0, await EndCancelledAsync(cancellationToken), Expired: await ExpireGraceAsync(plans, cancellationToken), Resumed: resumed);
        while (!cancellationToken.IsCancellationRequested)
        {
            var batch = await RunBatchAsync(plans, cancellationToken);
            total = total.Add(batch);
            if (batch.Total < options.Value.RenewalBatchSize)
            {
                break;
            }
        }

        if (total.Total > 0)
        {
            LogSwept(logger, total.Renewed, total.Converted, total.Declined, total.Postponed, total.Ended, total.Expired);
        }

        return total;
    }

    /// <summary>
    /// Charges what is due for one organization now, as the sweep would: a past-due subscription whose card was
    /// just replaced is retried at once instead of at the next sweep.
    /// </summary>
    public async Task<RenewalSweepResult> RunForOrganizationAsync(Guid organizationId, CancellationToken cancellationToken = default) =>
        await RunBatchAsync(await LoadPlansAsync(cancellationToken), cancellationToken, organizationId);

    private async Task<RenewalSweepResult> RunBatchAsync(
        IReadOnlyDictionary<string, Plan> plans, CancellationToken cancellationToken, Guid? organizationId = null)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        await db.KeepConnectionOpenAsync(cancellationToken);

        var due = await DueQuery(db, now, options.Value.RenewalBatchSize, organizationId).ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return new RenewalSweepResult(0, 0, 0, 0);
        }

        var organizationIds = due.Select(s => s.OrganizationId).ToList();
        var cards = (await db.PaymentMethods
                .Where(m => organizationIds.Contains(m.OrganizationId) && m.RemovedAt == null)
                .ToListAsync(cancellationToken))
            .GroupBy(m => m.OrganizationId)
            .ToDictionary(g => g.Key, g => g.MaxBy(m => m.AddedAt)!);
        var keys = due.Select(s => s.NextPaymentKey).ToList();
        var payments = await db.Payments.Where(p => keys.Contains(p.IdempotencyKey)).ToDictionaryAsync(p => p.IdempotencyKey, cancellationToken);
        var contactOf = await ContactsAsync(db, organizationIds, cancellationToken);

        // Save 1: a payment per due subscription with its attempt opened, or a decline when there is no card to charge.
        var charges = new List<(Subscription Subscription, Payment Payment, PaymentMethod Card)>(due.Count);
        var declined = 0;
        foreach (var subscription in due)
        {
            // A scheduled downgrade is charged (and switched to) here, at the end of the period (ADR-011).
            var conversion = subscription.ConvertsTrial;
            var plan = plans[conversion ? subscription.PlanCode : subscription.RenewalPlanCode];
            var description = conversion ? $"ProfilePortal: {plan.Name}, {plan.DurationMonths} mo after the trial"
                : plan.Code != subscription.PlanCode ? $"ProfilePortal: {plan.Name}, {plan.DurationMonths} mo, switched from {plans[subscription.PlanCode].Name}"
                : $"ProfilePortal: {plan.Name}, renewal";
            if (!payments.TryGetValue(subscription.NextPaymentKey, out var payment))
            {
                payment = Payment.ForPeriod(
                    subscription.OrganizationId, subscription.Id, subscription.BillingCycle + 1,
                    conversion ? PaymentPurpose.TrialConversion : PaymentPurpose.Renewal, plan.Code,
                    subscription.PriceOfPeriod(plan, subscription.CurrentPeriodEnd!.Value), description, initiatedBy: null, now);
                db.Payments.Add(payment);
            }
            else if (payment.Purpose == PaymentPurpose.Upgrade && !payment.HasOpenAttempt)
            {
                // An upgrade started but not paid before the period ended: the period is renewed instead under its key.
                // One whose attempt is open is resent as it is and, paid, takes effect as the upgrade it is.
                payment.ConvertToRenewal(plan.Code, subscription.PriceOfPeriod(plan, subscription.CurrentPeriodEnd!.Value), description);
            }

            cards.TryGetValue(subscription.OrganizationId, out var card);
            if (payment.HasOpenAttempt && payment.PaymentMethodId != card?.Id)
            {
                card = await db.PaymentMethods.FirstOrDefaultAsync(m => m.Id == payment.PaymentMethodId, cancellationToken);
            }

            if (card is null || card.Provider != gateway.Provider || card.Card.IsExpiredAt(now))
            {
                payment.BeginAttempt(gateway.Provider, card?.Id, card?.Mask ?? string.Empty, now);
                var reason = card is null || card.Provider != gateway.Provider ? "No card on file" : "The card has expired";
                contactOf.TryGetValue(subscription.OrganizationId, out var owner);
                await settlement.DeclineAsync(
                    db, payment, new ChargeOutcome.Declined(card is null ? "no_card" : "5054", reason, DeclineKind.Hard), subscription, owner, cancellationToken);
                declined++;
                continue;
            }

            if (payment.BeginAttempt(gateway.Provider, card.Id, card.Mask, now))
            {
                charges.Add((subscription, payment, card));
            }
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another run (an overlapping node, a customer paying at this moment) got to these payments first;
            // it charges them, and whatever it leaves open is resent by the next run.
            LogBatchConflict(logger, due.Count);
            return new RenewalSweepResult(0, 0, 0, 0);
        }

        // The provider: several charges at once, each with its own request id.
        var outcomes = new ChargeOutcome[charges.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, charges.Count),
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.RenewalParallelism, CancellationToken = cancellationToken },
            async (i, token) =>
            {
                var (subscription, payment, card) = charges[i];
                contactOf.TryGetValue(subscription.OrganizationId, out var contact);
                outcomes[i] = await ChargeSafelyAsync(
                    new ChargeRequest(card.Token, payment.Total, payment.IdempotencyKey, payment.RequestId, subscription.OrganizationId.ToString(),
                        payment.Description, contact?.Email, ChargeInitiator.Merchant),
                    token);
            });

        // Save 2: the outcomes. The running trials of the conversions are read at once, not one query per settlement.
        var runningTrials = await PaymentSettlement.RunningTrialsAsync(
            db, [.. charges.Where(c => c.Payment.Purpose == PaymentPurpose.TrialConversion).Select(c => c.Subscription.Id)], cancellationToken);
        var renewed = 0;
        var converted = 0;
        var postponed = 0;
        for (var i = 0; i < charges.Count; i++)
        {
            var (subscription, payment, _) = charges[i];
            contactOf.TryGetValue(subscription.OrganizationId, out var contact);
            switch (outcomes[i])
            {
                case ChargeOutcome.Succeeded succeeded:
                    await settlement.SucceedAsync(
                        db, payment, succeeded.TransactionId, subscription, plans[payment.PlanCode ?? subscription.PlanCode], contact, cancellationToken, runningTrials);
                    if (payment.Purpose == PaymentPurpose.TrialConversion)
                    {
                        converted++;
                    }
                    else
                    {
                        renewed++;
                    }

                    break;
                case ChargeOutcome.Declined decline:
                    await settlement.DeclineAsync(db, payment, decline, subscription, contact, cancellationToken);
                    declined++;
                    break;
                case ChargeOutcome.Failed failed:
                    settlement.Postpone(payment, failed, subscription);
                    postponed++;
                    break;
            }
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A customer changed a subscription meanwhile (a cancellation, a new card). Nothing of this batch's
            // outcomes was saved; the attempts stay open and the next run resends them with the same request
            // ids, which the provider answers with the same outcomes without charging again.
            LogBatchConflict(logger, charges.Count);
            return new RenewalSweepResult(0, 0, charges.Count, 0);
        }

        foreach (var (subscription, _, _) in charges)
        {
            await quotas.InvalidateAsync(subscription.OrganizationId);
        }

        return new RenewalSweepResult(renewed, declined, postponed, 0, converted);
    }

    /// <summary>
    /// Subscriptions cancelled for the end of a period that has now ended go back to Free, in batches, once per
    /// run before the charging: the query reads every subscription whose period has ended (the index does not
    /// hold the cancellation flag), which is cheap once and was quadratic when repeated for every charging batch.
    /// </summary>
    private async Task<int> EndCancelledAsync(CancellationToken cancellationToken)
    {
        var ended = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            await using var db = await dbFactory.CreateAsync(cancellationToken);
            var batch = await EndCancelledBatchAsync(db, clock.GetUtcNow(), cancellationToken);
            ended += batch;
            if (batch < options.Value.RenewalBatchSize)
            {
                break;
            }
        }

        return ended;
    }

    private async Task<int> EndCancelledBatchAsync(IPortalDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ending = await db.Subscriptions
            .Where(s => s.PlanCode != Plan.FreeCode && s.CancelAtPeriodEnd && s.CurrentPeriodEnd <= now
                && (s.Status == SubscriptionStatus.Active || s.Status == SubscriptionStatus.PastDue || s.Status == SubscriptionStatus.Trialing))
            .Take(options.Value.RenewalBatchSize)
            .ToListAsync(cancellationToken);
        foreach (var subscription in ending)
        {
            var plan = subscription.PlanCode;
            subscription.DowngradeToFree(now);
            db.AuditEntries.Add(AuditEntry.Record(
                null, "subscription.ended", "subscription", subscription.Id.ToString(), subscription.OrganizationId,
                FieldChange.Describe([new("Plan", plan, Plan.FreeCode)]), now));
        }

        if (ending.Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            foreach (var subscription in ending)
            {
                await quotas.InvalidateAsync(subscription.OrganizationId);
            }
        }

        return ending.Count;
    }

    /// <summary>
    /// Pauses that have reached their end are resumed before the charging, so a resumed subscription whose (shifted)
    /// period has ended is charged for its next period in the same run.
    /// </summary>
    private async Task<int> ResumePausedAsync(CancellationToken cancellationToken)
    {
        var resumed = await ChangeInBatchesAsync(
            (db, now) => db.Subscriptions.Where(s => s.Status == SubscriptionStatus.Paused && s.PauseEndsAt <= now).OrderBy(s => s.PauseEndsAt),
            (db, batch, now) =>
            {
                foreach (var subscription in batch)
                {
                    var pausedAt = subscription.PausedAt;
                    subscription.Resume(now);
                    db.AuditEntries.Add(AuditEntry.Record(
                        null, "subscription.resumed", "subscription", subscription.Id.ToString(), subscription.OrganizationId,
                        FieldChange.Describe([new("Status", SubscriptionStatus.Paused.ToString(), subscription.Status.ToString()),
                            new("PausedAt", pausedAt?.ToString("O", System.Globalization.CultureInfo.InvariantCulture), null)]),
                        now));
                }

                return Task.CompletedTask;
            },
            cancellationToken);
        for (var i = 0; i < resumed; i++)
        {
            retentionMetrics.PauseResumed(early: false);
        }

        return resumed;
    }

    /// <summary>
    /// Past-due subscriptions whose grace period is over go back to Free (before any charging, so an expired one
    /// is not charged again), with an email to the owner.
    /// </summary>
    private Task<int> ExpireGraceAsync(IReadOnlyDictionary<string, Plan> plans, CancellationToken cancellationToken) =>
        ChangeInBatchesAsync(
            (db, now) => db.Subscriptions.Where(s => s.Status == SubscriptionStatus.PastDue && s.GraceEndsAt <= now).OrderBy(s => s.GraceEndsAt),
            async (db, batch, _) =>
            {
                var contactOf = await ContactsAsync(db, [.. batch.Select(s => s.OrganizationId)], cancellationToken);
                var runningTrials = await PaymentSettlement.RunningTrialsAsync(db, [.. batch.Where(s => s.ConvertsTrial).Select(s => s.Id)], cancellationToken);
                foreach (var subscription in batch)
                {
                    contactOf.TryGetValue(subscription.OrganizationId, out var contact);
                    await settlement.ExpireAsync(db, subscription, plans[subscription.PlanCode], contact, cancellationToken, runningTrials);
                }
            },
            cancellationToken);

    /// <summary>
    /// One kind of state change over the subscriptions <paramref name="due"/> returns, a batch at a time, one save per
    /// batch. A concurrent change (a customer resuming or paying at that moment) saves nothing of the batch and ends
    /// the pass; the next run looks again. Returns how many were changed.
    /// </summary>
    private async Task<int> ChangeInBatchesAsync(
        Func<IPortalDbContext, DateTimeOffset, IQueryable<Subscription>> due,
        Func<IPortalDbContext, List<Subscription>, DateTimeOffset, Task> change,
        CancellationToken cancellationToken)
    {
        var changed = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            await using var db = await dbFactory.CreateAsync(cancellationToken);
            var batch = await due(db, now).Take(options.Value.RenewalBatchSize).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            await change(db, batch, now);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                LogBatchConflict(logger, batch.Count);
                break;
            }

            foreach (var subscription in batch)
            {
                await quotas.InvalidateAsync(subscription.OrganizationId);
            }

            changed += batch.Count;
            if (batch.Count < options.Value.RenewalBatchSize)
            {
                break;
            }
        }

        return changed;
    }

    /// <summary>
    /// The first <paramref name="take"/> paid subscriptions whose period has ended, oldest period end first: active
    /// ones (unless a provider failure postponed them), trials at their end (the conversion), and past due ones
    /// whose next retry has come. Past due ones without a retry wait for a new card. Each status is read in the
    /// order of the (Status, CurrentPeriodEnd) index and cut at <paramref name="take"/> before they are merged, so a
    /// batch reads at most three batches' worth of rows; one condition over all statuses made the database read
    /// and sort every due row for every batch.
    /// </summary>
    public static IQueryable<Subscription> DueQuery(IPortalDbContext db, DateTimeOffset now, int take, Guid? organizationId = null)
    {
        var due = db.Subscriptions.Where(s => s.PlanCode != Plan.FreeCode && !s.CancelAtPeriodEnd && s.CurrentPeriodEnd <= now);
        if (organizationId is { } only)
        {
            due = due.Where(s => s.OrganizationId == only);
        }

        var active = due
            .Where(s => s.Status == SubscriptionStatus.Active && (s.NextChargeAttemptAt == null || s.NextChargeAttemptAt <= now))
            .OrderBy(s => s.CurrentPeriodEnd)
            .Take(take);
        var trials = due
            .Where(s => s.Status == SubscriptionStatus.Trialing && (s.NextChargeAttemptAt == null || s.NextChargeAttemptAt <= now))
            .OrderBy(s => s.CurrentPeriodEnd)
            .Take(take);
        var pastDue = due
            .Where(s => s.Status == SubscriptionStatus.PastDue && s.NextChargeAttemptAt <= now)
            .OrderBy(s => s.CurrentPeriodEnd)
            .Take(take);
        return active.Concat(trials).Concat(pastDue).OrderBy(s => s.CurrentPeriodEnd).Take(take);
    }

    private async Task<ChargeOutcome> ChargeSafelyAsync(ChargeRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await gateway.ChargeAsync(request, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A gateway bug must not lose the batch: the attempt stays open and is resent later.
            LogChargeFailed(logger, exception, request.RequestId);
            return new ChargeOutcome.Failed(exception.Message);
        }
    }

    private async Task<IReadOnlyDictionary<string, Plan>> LoadPlansAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        return await db.Plans.AsNoTracking().ToDictionaryAsync(p => p.Code, cancellationToken);
    }

    private static async Task<Dictionary<Guid, BillingContact>> ContactsAsync(IPortalDbContext db, List<Guid> organizationIds, CancellationToken cancellationToken) =>
        (await OwnersQuery(db, organizationIds).ToListAsync(cancellationToken))
            .GroupBy(c => c.OrganizationId)
            .ToDictionary(g => g.Key, g => g.First().Contact);

    private static IQueryable<OwnerContact> OwnersQuery(IPortalDbContext db, List<Guid> organizationIds) =>
        db.Memberships.AsNoTracking()
            .Where(m => organizationIds.Contains(m.OrganizationId) && m.Role == OrganizationRole.Owner)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new OwnerContact(
                m.OrganizationId,
                new BillingContact(u.Id, u.Email!, PersonName.Display(u.FirstName, u.LastName, u.Email!), u.PreferredLanguage, u.TimeZone)));

    private sealed record OwnerContact(Guid OrganizationId, BillingContact Contact);

    [LoggerMessage(Level = LogLevel.Information, Message = "Renewal sweep: {Renewed} renewed, {Converted} trials converted, {Declined} declined, {Postponed} postponed, {Ended} ended, {Expired} expired")]
    private static partial void LogSwept(ILogger logger, int renewed, int converted, int declined, int postponed, int ended, int expired);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewal batch of {Count} met a concurrent change; what it left open is taken up by the next run")]
    private static partial void LogBatchConflict(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Charge {RequestId} failed in the gateway; it is resent later")]
    private static partial void LogChargeFailed(ILogger logger, Exception exception, string requestId);
}
