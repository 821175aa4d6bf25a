using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ProfilePortal.Domain.Activity;
using ProfilePortal.Domain.Audit;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Features;
using ProfilePortal.Domain.Fraud;
using ProfilePortal.Domain.Notifications;
using ProfilePortal.Domain.Payments;
using ProfilePortal.Domain.Profile;
using ProfilePortal.Domain.Quotas;
using ProfilePortal.Domain.Retention;

namespace ProfilePortal.Domain.Trials;

/// <summary>
/// The customer's side of trials (seed 002 phase B): whether one is offered, starting one with a checked card,
/// cancelling it. One trial per user for ever: the user's flag is checked first and the trial ledger's unique
/// user id settles two parallel clicks. The conversion, the reminders and the dunning run in the sweeps.
/// </summary>
public sealed partial class TrialService(
    IPortalDbContextFactory dbFactory,
    IPaymentGateway gateway,
    IFeatureGate features,
    EmailOutbox outbox,
    BillingMetrics metrics,
    TrialFraudMonitor fraud,
    QuotaService quotas,
    WinBackService winBacks,
    IOptions<TrialOptions> options,
    IOptions<PortalLinkOptions> links,
    TimeProvider clock,
    ILogger<TrialService> logger)
{
    /// <summary>Whether <paramref name="userId"/> may start a trial for <paramref name="organizationId"/> now.</summary>
    public async Task<TrialOffer> GetOfferAsync(Guid userId, Guid organizationId, CancellationToken cancellationToken = default)
    {
        var length = options.Value.Length;
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (await RefusalAsync(db, userId, organizationId, cancellationToken) is { } refused)
        {
            return TrialOffer.Unavailable(refused, length);
        }

        var card = await BillingService.ActiveCardQuery(db, organizationId).AsNoTracking().FirstOrDefaultAsync(m => m.Provider == gateway.Provider, cancellationToken);
        return new TrialOffer(true, null, length, card is null ? null : BillingService.Summarize(card, clock.GetUtcNow()));
    }

    /// <summary>The organization's running (or cancelled, still running) trial, or null.</summary>
    public async Task<TrialStatus?> GetStatusAsync(Guid userId, Guid organizationId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (!await db.Memberships.AnyAsync(m => m.UserId == userId && m.OrganizationId == organizationId, cancellationToken))
        {
            return null;
        }

        var row = await db.Subscriptions.AsNoTracking()
            .Where(s => s.OrganizationId == organizationId && s.Status == SubscriptionStatus.Trialing)
            .Select(s => new { s.PlanCode, PlanName = s.Plan!.Name, Total = s.Plan.TotalPrice, s.Plan.Currency, s.TrialStartedAt, s.TrialEndsAt, s.CancelAtPeriodEnd })
            .FirstOrDefaultAsync(cancellationToken);
        if (row is not { TrialStartedAt: { } started, TrialEndsAt: { } ends })
        {
            return null;
        }

        return new TrialStatus(row.PlanCode, row.PlanName, new Money(row.Total, row.Currency), started, ends, row.CancelAtPeriodEnd);
    }

    /// <summary>
    /// Starts a trial of <paramref name="planCode"/> with <paramref name="newCard"/> (it becomes the organization's
    /// card) or the card on file. The card is checked with the provider first (an authorisation voided at once),
    /// so a trial never starts with a card the conversion could not charge. Nothing is charged.
    /// </summary>
    public async Task<Result<TrialStatus>> StartAsync(
        Guid userId, Guid organizationId, string planCode, CardDetails? newCard, string? ipAddress, CancellationToken cancellationToken = default)
    {
        await using (var check = await dbFactory.CreateAsync(cancellationToken))
        {
            if (await RefusalAsync(check, userId, organizationId, cancellationToken) is { } refused)
            {
                LogRefused(logger, userId, refused.Code);
                return refused;
            }
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var plan = await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.Code == planCode, cancellationToken);
        if (plan is null || !plan.IsActive || plan.IsFree)
        {
            LogRefused(logger, userId, BillingErrors.PlanUnavailable.Code);
            return BillingErrors.PlanUnavailable;
        }

        // From here on the customer is eligible: each outcome is an activation attempt, stored (ADR-016).
        var now = clock.GetUtcNow();
        try
        {
            return await ActivateAsync(db, userId, organizationId, plan, newCard, ipAddress, now, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await RecordAsync(
                TrialActivationAttempt.Failed(userId, organizationId, plan.Code, now, TrialActivationAttempt.TechnicalFailureCode, ipAddress), CancellationToken.None);
            throw;
        }
    }

    /// <summary>
    /// The part of <see cref="StartAsync"/> after the eligibility checks: every way out but a lost race with a parallel
    /// start of the same organization stores its <see cref="TrialActivationAttempt"/>, the success in the trial's save.
    /// </summary>
    private async Task<Result<TrialStatus>> ActivateAsync(
        IPortalDbContext db, Guid userId, Guid organizationId, Plan plan, CardDetails? newCard, string? ipAddress, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        Task<Result<TrialStatus>> Fail(Error error) =>
            RefuseAsync(TrialActivationAttempt.Failed(userId, organizationId, plan.Code, now, error.Code, ipAddress), error, cancellationToken);

        var saved = newCard is null ? await BillingService.ActiveCardQuery(db, organizationId).FirstOrDefaultAsync(cancellationToken) : null;
        var card = newCard ?? saved?.Card;
        if (card is null || (saved is not null && saved.Provider != gateway.Provider))
        {
            return await Fail(BillingErrors.NoCard);
        }

        if (card.IsExpiredAt(now))
        {
            return await Fail(BillingErrors.CardExpired);
        }

        if (await fraud.IsBlockedAsync(db, userId, organizationId, ipAddress, card.Fingerprint, cancellationToken))
        {
            return await RefuseAsync(
                TrialActivationAttempt.Blocked(userId, organizationId, plan.Code, now, TrialErrors.Blocked.Code, ipAddress), TrialErrors.Blocked, cancellationToken);
        }

        // A new request id per try: a card declined today may pass tomorrow, and the provider replays answers per id.
        var user = await db.Users.FirstAsync(u => u.Id == userId, cancellationToken);
        var verification = await gateway.VerifyCardAsync(
            new CardVerificationRequest(card.Token, organizationId.ToString(), $"trial-check:{userId:N}:{now.ToUnixTimeMilliseconds()}", user.Email, ipAddress),
            cancellationToken);
        switch (verification)
        {
            case ChargeOutcome.Declined declined:
                LogCardDeclined(logger, userId, declined.Code);
                return await Fail(BillingErrors.Declined(declined.Kind, declined.Code));
            case ChargeOutcome.Failed:
                return await Fail(BillingErrors.ProviderUnavailable);
        }

        // Read after the card check, which takes time: a parallel start may have saved meanwhile.
        var subscription = await db.Subscriptions.FirstAsync(s => s.OrganizationId == organizationId, cancellationToken);
        if (subscription.HasPaidAccess)
        {
            // A parallel start or purchase got there first: the organization has what was asked for, no failed activation.
            return await db.Trials.AnyAsync(t => t.UserId == userId, cancellationToken) ? TrialErrors.AlreadyUsed : TrialErrors.AlreadySubscribed;
        }

        var method = newCard is not null
            ? await OrganizationCards.AddAsync(db, organizationId, gateway.Provider, newCard, userId, now, retirePrevious: true, cancellationToken)
            : saved!;
        var before = subscription.PlanCode;
        subscription.StartTrial(plan, now, options.Value.Length);
        user.TrialUsed = true;
        user.TrialUsedAt = now;
        var trial = Trial.Start(userId, organizationId, subscription.Id, plan.Code, now, subscription.TrialEndsAt!.Value, ipAddress, card.Fingerprint);
        db.Trials.Add(trial);
        db.TrialActivationAttempts.Add(TrialActivationAttempt.Succeeded(userId, organizationId, plan.Code, now, ipAddress));
        db.AuditEntries.Add(AuditEntry.Record(
            userId, "subscription.trial_started", "subscription", subscription.Id.ToString(), organizationId,
            FieldChange.Describe([new("Plan", before, plan.Code), new("Status", null, subscription.Status.ToString()), new("TrialEndsAt", null, Iso(subscription.TrialEndsAt))]),
            now));
        db.ActivityEvents.Add(ActivityEvent.Record(userId, organizationId, ActivityKind.PlanChanged, $"{before} → {plan.Code} (trial)", now));
        var contact = await BillingService.ContactQuery(db, userId).FirstAsync(cancellationToken);
        db.EmailMessages.Add(await outbox.PrepareAsync(
            contact.Email,
            contact.Language,
            new TrialStartedModel(contact.DisplayName, plan.Name, plan.Total, TimeZones.ToLocal(trial.EndsAt, contact.TimeZone), method.Mask, links.Value.Link(CancelPath)),
            cancellationToken));

        await using var screening = await fraud.InspectAsync(db, trial, now, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two clicks at once: the trial ledger's unique user id (or the subscription's version) let one through.
            // The click that lost is no failed activation; a subscription changed by something else is.
            await using var after = await dbFactory.CreateAsync(cancellationToken);
            return await after.Users.AnyAsync(u => u.Id == userId && u.TrialUsed, cancellationToken)
                ? TrialErrors.AlreadyUsed
                : await Fail(TrialErrors.Changed);
        }

        await quotas.InvalidateAsync(organizationId);
        metrics.TrialStarted(plan.Code);
        metrics.TrialActivationAttempt(TrialActivationOutcome.Succeeded, plan.Code);
        LogStarted(logger, userId, organizationId, plan.Code, trial.EndsAt);
        return new TrialStatus(plan.Code, plan.Name, plan.Total, trial.StartedAt, trial.EndsAt, false);
    }

    /// <summary>
    /// Cancels the organization's running trial: nothing will be charged, access runs to the trial's end, and the
    /// customer gets a confirmation email. A trial that has already converted is not a trial any more.
    /// </summary>
    public async Task<Result<TrialStatus>> CancelAsync(Guid userId, Guid organizationId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (await BillingService.RequireManagerAsync(db, userId, organizationId, cancellationToken) is { } denied)
        {
            return denied;
        }

        var subscription = await db.Subscriptions.Include(s => s.Plan).FirstAsync(s => s.OrganizationId == organizationId, cancellationToken);
        if (!subscription.IsTrialing)
        {
            return subscription.TrialStartedAt is not null && !subscription.ConvertsTrial && !subscription.IsFree
                ? TrialErrors.AlreadyConverted
                : TrialErrors.NoTrial;
        }

        if (subscription.CancelAtPeriodEnd)
        {
            return TrialErrors.AlreadyCancelled;
        }

        var now = clock.GetUtcNow();
        var plan = subscription.Plan!;
        subscription.CancelTrial(now);
        var trial = await db.Trials.Where(t => t.SubscriptionId == subscription.Id && t.Outcome == TrialOutcome.Running)
            .OrderByDescending(t => t.StartedAt)
            .FirstOrDefaultAsync(cancellationToken);
        trial?.End(TrialOutcome.Cancelled, now);
        db.AuditEntries.Add(AuditEntry.Record(
            userId, "subscription.trial_cancelled", "subscription", subscription.Id.ToString(), organizationId,
            FieldChange.Describe([new("CancelAtPeriodEnd", "False", "True"), new("AccessEndsAt", null, Iso(subscription.TrialEndsAt))]), now));
        db.ActivityEvents.Add(ActivityEvent.Record(userId, organizationId, ActivityKind.PlanChanged, $"{plan.Code} trial cancelled", now));
        var contact = await BillingService.ContactQuery(db, userId).FirstAsync(cancellationToken);
        db.EmailMessages.Add(await outbox.PrepareAsync(
            contact.Email,
            contact.Language,
            new TrialCancelledModel(contact.DisplayName, plan.Name, TimeZones.ToLocal(subscription.TrialEndsAt!.Value, contact.TimeZone), links.Value.Link("pricing")),
            cancellationToken));
        await winBacks.StageAsync(db, subscription, userId, WinBackKind.Trial, subscription.TrialEndsAt!.Value, cancellationToken);
        // The conversion sweep (or a second click) may have changed the subscription meanwhile.
        if (await db.SaveOrConflictAsync(TrialErrors.Changed, cancellationToken) is { } changed)
        {
            return changed;
        }

        metrics.TrialCancelled(plan.Code);
        LogCancelled(logger, userId, organizationId);
        return new TrialStatus(plan.Code, plan.Name, plan.Total, subscription.TrialStartedAt!.Value, subscription.TrialEndsAt!.Value, true);
    }

    private async Task<Result<TrialStatus>> RefuseAsync(TrialActivationAttempt attempt, Error error, CancellationToken cancellationToken)
    {
        await RecordAsync(attempt, cancellationToken);
        return error;
    }

    /// <summary>
    /// Stores a refused or failed attempt in a save of its own: nothing else changed. The customer gets the answer even
    /// when the database cannot take the row (then the log has it).
    /// </summary>
    private async Task RecordAsync(TrialActivationAttempt attempt, CancellationToken cancellationToken)
    {
        try
        {
            await using var db = await dbFactory.CreateAsync(cancellationToken);
            db.TrialActivationAttempts.Add(attempt);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogAttemptNotStored(logger, exception, attempt.UserId, attempt.Outcome, attempt.ErrorCode);
        }

        // Counted even when the row could not be stored: the attempt happened all the same.
        metrics.TrialActivationAttempt(attempt.Outcome, attempt.PlanCode);
    }

    /// <summary>The page the emails' "cancel the trial" link opens: one click there cancels.</summary>
    public const string CancelPath = "billing/trial/cancel";

    /// <summary>Why the user may not start a trial for the organization now, or null when they may.</summary>
    private async Task<Error?> RefusalAsync(IPortalDbContext db, Guid userId, Guid organizationId, CancellationToken cancellationToken)
    {
        if (await BillingService.RequireManagerAsync(db, userId, organizationId, cancellationToken) is { } denied)
        {
            return denied;
        }

        var state = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new
            {
                u.TrialUsed,
                HasTrialRow = db.Trials.Any(t => t.UserId == userId),
                PaidOrTrial = db.Subscriptions.Any(s => s.OrganizationId == organizationId && s.PlanCode != Plan.FreeCode),
            })
            .FirstAsync(cancellationToken);
        if (state.TrialUsed || state.HasTrialRow)
        {
            return TrialErrors.AlreadyUsed;
        }

        if (state.PaidOrTrial)
        {
            return TrialErrors.AlreadySubscribed;
        }

        // Checked last: switching the rollout off hides the offer from new people only.
        return await features.IsEnabledForAsync(FeatureNames.Trials, userId, cancellationToken) ? null : TrialErrors.NotOffered;
    }

    private static string? Iso(DateTimeOffset? instant) => instant?.ToString("O", System.Globalization.CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} started a trial for organization {OrganizationId} on {PlanCode}, ending {EndsAt}")]
    private static partial void LogStarted(ILogger logger, Guid userId, Guid organizationId, string planCode, DateTimeOffset endsAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} cancelled the trial of organization {OrganizationId}")]
    private static partial void LogCancelled(ILogger logger, Guid userId, Guid organizationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trial refused for user {UserId}: {Code}")]
    private static partial void LogRefused(ILogger logger, Guid userId, string code);

    [LoggerMessage(Level = LogLevel.Error, Message = "Trial activation attempt of user {UserId} ({Outcome}, {Code}) could not be stored")]
    private static partial void LogAttemptNotStored(ILogger logger, Exception exception, Guid userId, TrialActivationOutcome outcome, string? code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trial card check declined for user {UserId}: {Code}")]
    private static partial void LogCardDeclined(ILogger logger, Guid userId, string code);
}
