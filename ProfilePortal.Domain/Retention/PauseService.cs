using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ProfilePortal.Domain.Activity;
using ProfilePortal.Domain.Audit;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Notifications;
using ProfilePortal.Domain.Payments;
using ProfilePortal.Domain.Profile;
using ProfilePortal.Domain.Quotas;

namespace ProfilePortal.Domain.Retention;

/// <summary>
/// A paused subscription (seed 002 phase D): pausing it (the cancellation flow's pause offer stages it in its own
/// unit of work; <see cref="PauseAsync"/> is the same on its own), resuming it early, and what the banner and the
/// billing page show. While paused nothing is charged, launches and purchases are refused, and the renewal sweep
/// resumes the subscription at <see cref="Subscription.PauseEndsAt"/> and charges the next period when it falls due.
/// </summary>
public sealed partial class PauseService(
    IPortalDbContextFactory dbFactory,
    EmailOutbox outbox,
    QuotaService quotas,
    RetentionMetrics metrics,
    IOptions<RetentionOptions> options,
    IOptions<PortalLinkOptions> links,
    TimeProvider clock,
    ILogger<PauseService> logger)
{
    /// <summary>The page where a paused subscription is resumed early.</summary>
    public const string BillingPath = "billing";

    /// <summary>The organization's pause as its members see it, or null when it is not paused (or the user is no member).</summary>
    public async Task<PauseStatus?> GetPauseAsync(Guid userId, Guid organizationId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var row = await db.Subscriptions.AsNoTracking()
            .Where(s => s.OrganizationId == organizationId && s.Status == SubscriptionStatus.Paused
                && db.Memberships.Any(m => m.UserId == userId && m.OrganizationId == organizationId))
            .Select(s => new { Subscription = s, s.Plan })
            .FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : Describe(row.Subscription, row.Plan!);
    }

    /// <summary>
    /// Pauses the organization's subscription for <paramref name="months"/> on its own (not through the cancellation
    /// flow): the user must manage billing; the same rules and effects as <see cref="StageAsync"/>, saved at once.
    /// </summary>
    public async Task<Result<PauseStatus>> PauseAsync(Guid userId, Guid organizationId, int months, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (await BillingService.RequireManagerAsync(db, userId, organizationId, cancellationToken) is { } denied)
        {
            return denied;
        }

        var subscription = await db.Subscriptions.Include(s => s.Plan).FirstAsync(s => s.OrganizationId == organizationId, cancellationToken);
        var staged = await StageAsync(db, subscription, userId, months, cancellationToken);
        if (!staged.Succeeded)
        {
            LogRefused(logger, organizationId, staged.Errors[0].Code);
            return Result<PauseStatus>.Failure([.. staged.Errors]);
        }

        // The renewal sweep (or a second click) may have changed the subscription meanwhile; then nothing was saved, no
        // email queued.
        if (await db.SaveOrConflictAsync(RetentionErrors.Changed, cancellationToken) is { } changed)
        {
            return changed;
        }

        await PausedAsync(organizationId, months);
        return Describe(subscription, subscription.Plan!);
    }

    /// <summary>
    /// Pauses <paramref name="subscription"/> (tracked by <paramref name="db"/>) for <paramref name="months"/> inside
    /// the caller's unit of work: checks the length offered, that the subscription can pause (active, paid, not a
    /// trial, not cancelling) and the once-per-cooldown rule, then pauses it and adds the audit entry, the activity
    /// event and the pause-started email to <paramref name="db"/>. It does not save: the caller saves, and after a
    /// successful save calls <see cref="Paused"/>. On a refusal nothing is changed.
    /// </summary>
    public async Task<Result> StageAsync(IPortalDbContext db, Subscription subscription, Guid userId, int months, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(subscription);
        var now = clock.GetUtcNow();
        if (!options.Value.PauseLengths.Contains(months))
        {
            return RetentionErrors.PauseLength;
        }

        if (!subscription.CanPauseAt(now))
        {
            return RetentionErrors.CannotPause;
        }

        if (!SaveOfferPolicy.CanPause(subscription.LastPauseAt, options.Value, now))
        {
            return RetentionErrors.PauseCooldown;
        }

        var plan = subscription.Plan ?? await db.Plans.AsNoTracking().FirstAsync(p => p.Code == subscription.PlanCode, cancellationToken);
        subscription.Pause(months, now);
        db.AuditEntries.Add(AuditEntry.Record(
            userId, "subscription.paused", "subscription", subscription.Id.ToString(), subscription.OrganizationId,
            FieldChange.Describe([
                new("Status", SubscriptionStatus.Active.ToString(), subscription.Status.ToString()),
                new("PauseEndsAt", null, Iso(subscription.PauseEndsAt)),
                new("Months", null, months.ToString(CultureInfo.InvariantCulture)),
            ]),
            now));
        db.ActivityEvents.Add(ActivityEvent.Record(
            userId, subscription.OrganizationId, ActivityKind.PlanChanged, $"{plan.Code} paused until {subscription.PauseEndsAt:yyyy-MM-dd}", now));

        var status = Describe(subscription, plan);
        var contact = await BillingService.ContactQuery(db, userId).FirstAsync(cancellationToken);
        db.EmailMessages.Add(await outbox.PrepareAsync(
            contact.Email,
            contact.Language,
            new PauseStartedModel(
                contact.DisplayName,
                plan.Name,
                TimeZones.ToLocal(status.PauseEndsAt, contact.TimeZone),
                status.NextCharge!.Amount,
                TimeZones.ToLocal(status.NextCharge.At, contact.TimeZone),
                contact.TimeZone ?? string.Empty,
                links.Value.Link(BillingPath)),
            cancellationToken));
        return Result.Success();
    }

    /// <summary>
    /// After a staged pause was saved: the cached quota (which now refuses launches) is dropped and the pause is
    /// counted. The cancellation flow calls it after its own save.
    /// </summary>
    public async Task PausedAsync(Guid organizationId, int months)
    {
        await quotas.InvalidateAsync(organizationId);
        metrics.PauseStarted(months);
        LogPaused(logger, organizationId, months);
    }

    /// <summary>
    /// Ends the pause now instead of at its end: billing and access resume, and the period moves on by the time
    /// actually paused. The next charge is the renewal sweep's, when the shifted period ends; it is returned.
    /// </summary>
    public async Task<Result<NextCharge>> ResumeEarlyAsync(Guid userId, Guid organizationId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (await BillingService.RequireManagerAsync(db, userId, organizationId, cancellationToken) is { } denied)
        {
            return denied;
        }

        var subscription = await db.Subscriptions.Include(s => s.Plan).FirstAsync(s => s.OrganizationId == organizationId, cancellationToken);
        if (subscription.Status != SubscriptionStatus.Paused)
        {
            return RetentionErrors.NotPaused;
        }

        var now = clock.GetUtcNow();
        var pausedAt = subscription.PausedAt;
        subscription.Resume(now);
        db.AuditEntries.Add(AuditEntry.Record(
            userId, "subscription.resumed", "subscription", subscription.Id.ToString(), organizationId,
            FieldChange.Describe([
                new("Status", SubscriptionStatus.Paused.ToString(), subscription.Status.ToString()),
                new("PausedAt", Iso(pausedAt), null),
                new("CurrentPeriodEnd", null, Iso(subscription.CurrentPeriodEnd)),
            ]),
            now));
        db.ActivityEvents.Add(ActivityEvent.Record(userId, organizationId, ActivityKind.PlanChanged, $"{subscription.PlanCode} resumed", now));
        // The sweep may have resumed it at this very moment, or another manager.
        if (await db.SaveOrConflictAsync(RetentionErrors.Changed, cancellationToken) is { } changed)
        {
            return changed;
        }

        // A period that is already due (it normally is not: the paid time left at the pause continues) is charged
        // by the next renewal sweep, which also retries and dunns as usual.
        await quotas.InvalidateAsync(organizationId);
        metrics.PauseResumed(early: true);
        LogResumed(logger, organizationId);
        var end = subscription.CurrentPeriodEnd!.Value;
        return new NextCharge(end, subscription.PriceOfPeriod(subscription.Plan!, end));
    }

    /// <summary>The pause of a paused subscription with the first charge after it.</summary>
    internal static PauseStatus Describe(Subscription subscription, Plan plan) => new(
        plan.Code, plan.Name, subscription.PausedAt!.Value, subscription.PauseEndsAt!.Value, NextChargeAfterPause(subscription, plan));

    /// <summary>
    /// The first charge after a pause that runs its full length. Its price is the one of the period that starts at
    /// today's period end: resuming moves a discount's end by as much as the period's, so whether the discount covers
    /// that period is the same before and after.
    /// </summary>
    internal static NextCharge? NextChargeAfterPause(Subscription subscription, Plan plan) =>
        subscription.PeriodEndAfterPause is { } at && subscription.CurrentPeriodEnd is { } end
            ? new NextCharge(at, subscription.PriceOfPeriod(plan, end))
            : null;

    private static string? Iso(DateTimeOffset? instant) => instant?.ToString("O", CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "Organization {OrganizationId} paused its subscription for {Months} months")]
    private static partial void LogPaused(ILogger logger, Guid organizationId, int months);

    [LoggerMessage(Level = LogLevel.Information, Message = "Organization {OrganizationId} resumed its paused subscription early")]
    private static partial void LogResumed(ILogger logger, Guid organizationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pause refused for organization {OrganizationId}: {Code}")]
    private static partial void LogRefused(ILogger logger, Guid organizationId, string code);
}
