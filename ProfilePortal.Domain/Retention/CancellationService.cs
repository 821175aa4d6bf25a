using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ProfilePortal.Domain.Activity;
using ProfilePortal.Domain.Audit;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Features;
using ProfilePortal.Domain.Notifications;
using ProfilePortal.Domain.Payments;
using ProfilePortal.Domain.Profile;
using ProfilePortal.Domain.Quotas;

namespace ProfilePortal.Domain.Retention;

/// <summary>
/// The customer's side of cancelling a paid plan (seed 002 phase C): the reason, the one save offer that fits it
/// and the customer's eligibility, then either the offer accepted (nothing cancelled) or the cancellation
/// confirmed (access to the period end, no further charges, an email). Every step is checked here, not in the
/// page: the flow id must be the acting user's, still open, and only the offer recorded as shown can be accepted.
/// While <see cref="FeatureNames.SimpleCancellation"/> is on, the flow is "Cancel → Confirm" with no offer.
/// </summary>
public sealed partial class CancellationService(
    IPortalDbContextFactory dbFactory,
    IFeatureGate features,
    EmailOutbox outbox,
    PauseService pauses,
    WinBackService winBacks,
    QuotaService quotas,
    RetentionMetrics metrics,
    IOptions<RetentionOptions> options,
    IOptions<PortalLinkOptions> links,
    TimeProvider clock,
    ILogger<CancellationService> logger)
{
    /// <summary>The cancellation page.</summary>
    public const string CancelPath = "billing/cancel";

    private const string FullFlow = "full";
    private const string SimpleFlow = "simple";

    /// <summary>The organization's plan as the cancellation page starts from, and whether it can be cancelled.</summary>
    public async Task<Result<CancellationContext>> GetContextAsync(Guid userId, Guid organizationId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (await BillingService.RequireManagerAsync(db, userId, organizationId, cancellationToken) is { } denied)
        {
            return denied;
        }

        var subscription = await db.Subscriptions.AsNoTracking().Include(s => s.Plan).FirstAsync(s => s.OrganizationId == organizationId, cancellationToken);
        var simple = await features.IsEnabledForAsync(FeatureNames.SimpleCancellation, userId, cancellationToken);
        var refusal = Refusal(subscription, clock.GetUtcNow());
        return new CancellationContext(
            subscription.PlanCode, subscription.Plan!.Name, subscription.Status, subscription.CurrentPeriodEnd, subscription.CancelAtPeriodEnd, simple, refusal);
    }

    /// <summary>
    /// The reason step: records the reason (and the customer's words for "other") with the offer chosen for it,
    /// and returns that offer and what cancelling would mean. An earlier open flow of the subscription (another
    /// tab, the back button) is closed as abandoned, so only the latest offer can be accepted.
    /// </summary>
    public async Task<Result<CancellationStep>> BeginAsync(
        Guid userId, Guid organizationId, CancellationReason? reason, string? otherText, CancellationToken cancellationToken = default)
    {
        if (Validate(reason, otherText) is { } invalid)
        {
            return invalid;
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var (subscription, refused) = await CancellableAsync(db, userId, organizationId, simple: false, now, cancellationToken);
        if (subscription is null)
        {
            return refused!;
        }

        var offer = await ChooseOfferAsync(db, userId, subscription, reason!.Value, now, cancellationToken);
        var open = await db.CancellationFeedback
            .Where(f => f.SubscriptionId == subscription.Id && f.Outcome == CancellationOutcome.Open)
            .ToListAsync(cancellationToken);
        open.ForEach(f => f.Abandon(now));
        var feedback = CancellationFeedback.Begin(userId, organizationId, subscription.Id, subscription.PlanCode, reason.Value, otherText, offer, now);
        db.CancellationFeedback.Add(feedback);
        await db.SaveChangesAsync(cancellationToken);

        metrics.FlowStarted(FullFlow);
        if (offer is not null)
        {
            metrics.OfferShown(offer.Kind);
        }

        LogBegan(logger, userId, organizationId, reason.Value, offer?.Kind);
        return new CancellationStep(feedback.Id, reason.Value, offer, subscription.Plan!.Name, subscription.CurrentPeriodEnd!.Value);
    }

    /// <summary>
    /// The customer takes the offer that was shown in flow <paramref name="flowId"/> (for a pause, with one of the
    /// lengths shown): a discount on the next charges, a pause, or a move to the longer plan (paid in the plan
    /// change checkout that follows). The flow ends without cancelling.
    /// </summary>
    public async Task<Result<OfferAcceptance>> AcceptOfferAsync(
        Guid userId, Guid flowId, SaveOfferKind kind, int? pauseMonths, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var (feedback, error) = await OpenFlowAsync(db, userId, flowId, cancellationToken);
        if (feedback is null)
        {
            return error!;
        }

        if (!feedback.Showed(kind, pauseMonths))
        {
            LogRefused(logger, userId, CancellationErrors.OfferNotShown.Code);
            return CancellationErrors.OfferNotShown;
        }

        var now = clock.GetUtcNow();
        var subscription = await db.Subscriptions.Include(s => s.Plan).FirstAsync(s => s.Id == feedback.SubscriptionId, cancellationToken);
        if (Refusal(subscription, now) is { } refused)
        {
            return refused;
        }

        OfferAcceptance acceptance;
        switch (kind)
        {
            case SaveOfferKind.Discount:
                var user = await db.Users.FirstAsync(u => u.Id == userId, cancellationToken);
                if (subscription.Status != SubscriptionStatus.Active || subscription.HasDiscountAt(now)
                    || !SaveOfferPolicy.CanHaveDiscount(user.LastDiscountUsedAt, options.Value, now))
                {
                    return CancellationErrors.OfferUnavailable;
                }

                subscription.ApplyDiscount(subscription.Plan!, feedback.OfferPercent!.Value, feedback.OfferPeriods!.Value, now);
                user.LastDiscountUsedAt = now;
                db.AuditEntries.Add(AuditEntry.Record(
                    userId, "subscription.discount_applied", "subscription", subscription.Id.ToString(), subscription.OrganizationId,
                    FieldChange.Describe([new("DiscountPercent", null, feedback.OfferPercent.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                        new("DiscountExpiresAt", null, Iso(subscription.DiscountExpiresAt))]),
                    now));
                db.ActivityEvents.Add(ActivityEvent.Record(
                    userId, subscription.OrganizationId, ActivityKind.PlanChanged, $"{subscription.PlanCode}: {feedback.OfferPercent}% off {feedback.OfferPeriods} periods", now));
                acceptance = new OfferAcceptance(kind, DiscountEndsAt: subscription.DiscountExpiresAt);
                break;
            case SaveOfferKind.Pause:
                var paused = await pauses.StageAsync(db, subscription, userId, pauseMonths!.Value, cancellationToken);
                if (!paused.Succeeded)
                {
                    return paused.Errors[0] == RetentionErrors.PauseCooldown ? CancellationErrors.OfferUnavailable : paused.Errors[0];
                }

                acceptance = new OfferAcceptance(kind, PauseEndsAt: subscription.PauseEndsAt);
                break;
            case SaveOfferKind.LongerPlan:
                acceptance = new OfferAcceptance(kind, PlanCode: feedback.OfferPlanCode);
                break;
            default:
                return CancellationErrors.OfferNotShown;
        }

        feedback.AcceptOffer(kind, pauseMonths, now);
        if (await db.SaveOrConflictAsync(CancellationErrors.Changed, cancellationToken) is { } conflict)
        {
            return conflict;
        }

        await quotas.InvalidateAsync(subscription.OrganizationId);
        metrics.OfferAccepted(kind);
        if (kind == SaveOfferKind.Pause)
        {
            await pauses.PausedAsync(subscription.OrganizationId, pauseMonths!.Value);
        }

        metrics.FlowCompleted(FullFlow, "saved");
        LogSaved(logger, userId, subscription.OrganizationId, kind);
        return acceptance;
    }

    /// <summary>
    /// The confirmation step of flow <paramref name="flowId"/>: the subscription ends at the period end, nothing
    /// more is charged, and the customer gets an email.
    /// </summary>
    public async Task<Result<CancellationDone>> ConfirmAsync(Guid userId, Guid flowId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var (feedback, error) = await OpenFlowAsync(db, userId, flowId, cancellationToken);
        if (feedback is null)
        {
            return error!;
        }

        var now = clock.GetUtcNow();
        var subscription = await db.Subscriptions.Include(s => s.Plan).FirstAsync(s => s.Id == feedback.SubscriptionId, cancellationToken);
        if (Refusal(subscription, now) is { } refused)
        {
            return refused;
        }

        feedback.Confirm(now);
        return await CancelAsync(db, subscription, userId, feedback.Reason!.Value.ToString(), FullFlow, now, cancellationToken);
    }

    /// <summary>The simple flow's one step (while <see cref="FeatureNames.SimpleCancellation"/> is on): cancel at the period end.</summary>
    public async Task<Result<CancellationDone>> CancelSimplyAsync(Guid userId, Guid organizationId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var (subscription, refused) = await CancellableAsync(db, userId, organizationId, simple: true, now, cancellationToken);
        if (subscription is null)
        {
            return refused!;
        }

        db.CancellationFeedback.Add(CancellationFeedback.CancelledSimply(userId, organizationId, subscription.Id, subscription.PlanCode, now));
        metrics.FlowStarted(SimpleFlow);
        return await CancelAsync(db, subscription, userId, "NotAsked", SimpleFlow, now, cancellationToken);
    }

    /// <summary>
    /// "Resume subscription": takes back a cancellation scheduled for the period end, before that end. The
    /// renewals go on as before, with any discount still running.
    /// </summary>
    public async Task<Result> ResumeAsync(Guid userId, Guid organizationId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (await BillingService.RequireManagerAsync(db, userId, organizationId, cancellationToken) is { } denied)
        {
            return denied;
        }

        var now = clock.GetUtcNow();
        var subscription = await db.Subscriptions.FirstAsync(s => s.OrganizationId == organizationId, cancellationToken);
        if (!subscription.CancelAtPeriodEnd || subscription.IsTrialing || subscription.IsFree || subscription.CurrentPeriodEnd <= now)
        {
            return CancellationErrors.NotCancelled;
        }

        var reason = subscription.CancellationReason;
        subscription.UndoCancellation(now);
        db.AuditEntries.Add(AuditEntry.Record(
            userId, "subscription.cancellation_taken_back", "subscription", subscription.Id.ToString(), organizationId,
            FieldChange.Describe([new("CancelAtPeriodEnd", "True", "False"), new("CancellationReason", reason, null)]), now));
        db.ActivityEvents.Add(ActivityEvent.Record(userId, organizationId, ActivityKind.PlanChanged, $"{subscription.PlanCode} resumed", now));
        if (await db.SaveOrConflictAsync(CancellationErrors.Changed, cancellationToken) is { } conflict)
        {
            return conflict;
        }

        metrics.CancellationResumed();
        LogResumed(logger, userId, organizationId);
        return Result.Success();
    }

    /// <summary>Why <paramref name="subscription"/> cannot be cancelled through this flow at <paramref name="now"/>, or null.</summary>
    internal static Error? Refusal(Subscription subscription, DateTimeOffset now) => subscription switch
    {
        { IsTrialing: true } => CancellationErrors.Trial,
        { Status: SubscriptionStatus.Paused } => CancellationErrors.Paused,
        { CancelAtPeriodEnd: true } => CancellationErrors.AlreadyCancelled,
        { HasPaidAccess: false } => CancellationErrors.NothingToCancel,
        { CurrentPeriodEnd: { } end } when end > now => null,
        _ => CancellationErrors.NothingToCancel,
    };

    /// <summary>
    /// The organization's subscription when <paramref name="userId"/> may start cancelling it through the simple or
    /// the full flow now, else why not. The switch decides the flow on the server too: no client skips the reason
    /// and offer steps while the full flow is on, or gets an offer while the simple one is.
    /// </summary>
    private async Task<(Subscription? Subscription, Error? Refusal)> CancellableAsync(
        IPortalDbContext db, Guid userId, Guid organizationId, bool simple, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await BillingService.RequireManagerAsync(db, userId, organizationId, cancellationToken) is { } denied)
        {
            return (null, denied);
        }

        if (await features.IsEnabledForAsync(FeatureNames.SimpleCancellation, userId, cancellationToken) != simple)
        {
            return (null, CancellationErrors.FlowChanged);
        }

        var subscription = await db.Subscriptions.Include(s => s.Plan).FirstAsync(s => s.OrganizationId == organizationId, cancellationToken);
        if (Refusal(subscription, now) is { } refused)
        {
            LogRefused(logger, userId, refused.Code);
            return (null, refused);
        }

        return (subscription, null);
    }

    private static Error? Validate(CancellationReason? reason, string? otherText)
    {
        if (reason is not { } given || !Enum.IsDefined(given))
        {
            return CancellationErrors.ReasonRequired;
        }

        var text = otherText?.Trim();
        if (text?.Length > CancellationFeedback.OtherTextMaxLength)
        {
            return CancellationErrors.OtherTextTooLong;
        }

        return given == CancellationReason.Other && string.IsNullOrEmpty(text) ? CancellationErrors.OtherTextRequired : null;
    }

    /// <summary>
    /// The offer for <paramref name="reason"/>: none unless the subscription is active and paid up (a discount or a
    /// pause needs a running period), and no second discount while one runs.
    /// </summary>
    private async Task<SaveOffer?> ChooseOfferAsync(
        IPortalDbContext db, Guid userId, Subscription subscription, CancellationReason reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (subscription.Status != SubscriptionStatus.Active)
        {
            return null;
        }

        var lastDiscount = await db.Users.Where(u => u.Id == userId).Select(u => u.LastDiscountUsedAt).FirstAsync(cancellationToken);
        var plans = await db.Plans.AsNoTracking().Where(p => p.IsActive && p.Generation != PlanGeneration.Free).ToListAsync(cancellationToken);
        var eligibility = new RetentionEligibility(
            Choice(subscription.Plan!),
            [.. plans.Select(Choice)],
            subscription.HasDiscountAt(now) ? now : lastDiscount,
            subscription.LastPauseAt);
        return SaveOfferPolicy.Choose(reason, eligibility, options.Value, now);

        static PlanChoice Choice(Plan plan) => new(plan.Code, plan.Name, plan.DurationMonths, plan.MonthlyPrice, plan.IsActive);
    }

    /// <summary>Flow <paramref name="flowId"/> when it is the user's, they still manage its organization's billing, and it is undecided.</summary>
    private static async Task<(CancellationFeedback? Feedback, Error? Error)> OpenFlowAsync(
        IPortalDbContext db, Guid userId, Guid flowId, CancellationToken cancellationToken)
    {
        var feedback = await db.CancellationFeedback.FirstOrDefaultAsync(f => f.Id == flowId && f.UserId == userId, cancellationToken);
        if (feedback is null)
        {
            return (null, CancellationErrors.FlowNotFound);
        }

        if (await BillingService.RequireManagerAsync(db, userId, feedback.OrganizationId, cancellationToken) is { } denied)
        {
            return (null, denied);
        }

        return feedback.Outcome == CancellationOutcome.Open ? (feedback, null) : (null, CancellationErrors.FlowEnded);
    }

    private async Task<Result<CancellationDone>> CancelAsync(
        IPortalDbContext db, Subscription subscription, Guid userId, string reason, string flow, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var plan = subscription.Plan!;
        var accessEndsAt = subscription.CurrentPeriodEnd!.Value;
        subscription.CancelAtEnd(reason, now);
        db.AuditEntries.Add(AuditEntry.Record(
            userId, "subscription.cancelled", "subscription", subscription.Id.ToString(), subscription.OrganizationId,
            FieldChange.Describe([new("CancelAtPeriodEnd", "False", "True"), new("CancellationReason", null, reason), new("AccessEndsAt", null, Iso(accessEndsAt))]),
            now));
        db.ActivityEvents.Add(ActivityEvent.Record(userId, subscription.OrganizationId, ActivityKind.PlanChanged, $"{plan.Code} cancelled", now));
        var contact = await BillingService.ContactQuery(db, userId).FirstAsync(cancellationToken);
        db.EmailMessages.Add(await outbox.PrepareAsync(
            contact.Email,
            contact.Language,
            new SubscriptionCancelledModel(contact.DisplayName, plan.Name, TimeZones.ToLocal(accessEndsAt, contact.TimeZone), links.Value.Link("billing")),
            cancellationToken));
        await winBacks.StageAsync(db, subscription, userId, WinBackKind.Paid, accessEndsAt, cancellationToken);
        if (await db.SaveOrConflictAsync(CancellationErrors.Changed, cancellationToken) is { } conflict)
        {
            return conflict;
        }

        metrics.FlowCompleted(flow, "cancelled");
        LogCancelled(logger, userId, subscription.OrganizationId, reason, accessEndsAt);
        return new CancellationDone(plan.Name, accessEndsAt, subscription.PriceOfPeriod(plan, accessEndsAt));
    }

    private static string? Iso(DateTimeOffset? instant) => instant?.ToString("O", System.Globalization.CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} began cancelling for organization {OrganizationId}: {Reason}, offer {Offer}")]
    private static partial void LogBegan(ILogger logger, Guid userId, Guid organizationId, CancellationReason reason, SaveOfferKind? offer);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} accepted the {Offer} offer for organization {OrganizationId}")]
    private static partial void LogSaved(ILogger logger, Guid userId, Guid organizationId, SaveOfferKind offer);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} cancelled organization {OrganizationId}'s plan ({Reason}); access ends {AccessEndsAt}")]
    private static partial void LogCancelled(ILogger logger, Guid userId, Guid organizationId, string reason, DateTimeOffset accessEndsAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} took back the cancellation of organization {OrganizationId}")]
    private static partial void LogResumed(ILogger logger, Guid userId, Guid organizationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a cancellation step of user {UserId}: {Code}")]
    private static partial void LogRefused(ILogger logger, Guid userId, string code);
}
