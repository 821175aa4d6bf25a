using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ProfilePortal.Domain.Audit;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Domain.Payments;
using ProfilePortal.Domain.Quotas;
using ProfilePortal.Domain.Retention;

namespace ProfilePortal.Domain.Admin;

/// <summary>
/// Admins move a subscription to another organization (issue 8: a customer bought a plan in their personal
/// organization and wants it in their team's). The subscription row itself moves, as it stands, so its billing
/// cycle, idempotency keys, discount, pause and dunning carry on unchanged; the source organization starts again on
/// Free. The target must be a living organization on Free that never had billing of its own (its Free row is
/// replaced), so no two subscription histories are merged. Payments, grants, usage and the trial ledger stay where
/// they happened. Admins only, checked in the database on every call; audited on both sides with the reason, in the
/// same save (ADR-022).
/// </summary>
public sealed partial class SubscriptionMoveService(
    IPortalDbContextFactory dbFactory, QuotaService quotas, TimeProvider clock, ILogger<SubscriptionMoveService> logger)
{
    public const int ReasonMaxLength = 500;

    /// <summary>What moving the source's subscription to the target would do, or why it cannot be moved.</summary>
    public async Task<Result<SubscriptionMovePreview>> PreviewAsync(
        Guid adminId, Guid sourceOrganizationId, Guid targetOrganizationId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (await SiteAdmins.RefuseNonAdminAsync(db, adminId, logger, "move subscriptions", cancellationToken) is { } denied)
        {
            return denied;
        }

        var plan = await PlanAsync(db, sourceOrganizationId, targetOrganizationId, cancellationToken);
        return plan.Succeeded ? plan.Value.Preview : plan.Errors[0];
    }

    /// <summary>Moves the source's subscription to the target, with <paramref name="reason"/> in the audit.</summary>
    public async Task<Result<SubscriptionMoved>> MoveAsync(
        Guid adminId, Guid sourceOrganizationId, Guid targetOrganizationId, string? reason, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return SubscriptionMoveErrors.ReasonRequired;
        }

        reason = reason.Trim();
        if (reason.Length > ReasonMaxLength)
        {
            return SubscriptionMoveErrors.ReasonTooLong;
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (await SiteAdmins.RefuseNonAdminAsync(db, adminId, logger, "move subscriptions", cancellationToken) is { } denied)
        {
            return denied;
        }

        var planned = await PlanAsync(db, sourceOrganizationId, targetOrganizationId, cancellationToken);
        if (!planned.Succeeded)
        {
            return planned.Errors[0];
        }

        var (subscription, targetFree, preview) = planned.Value;
        var now = clock.GetUtcNow();
        var sourceFree = Subscription.StartFree(sourceOrganizationId, now);

        // One save: the target's unused Free row goes (one subscription per organization), the subscription moves and
        // the source gets a new Free one; EF Core orders the delete before the update on the unique key. The versions
        // of both rows make a move that raced another change (a sweep, a checkout, a second admin) save nothing.
        db.Subscriptions.Remove(targetFree);
        subscription.MoveTo(targetOrganizationId);
        db.Subscriptions.Add(sourceFree);

        // A cancellation flow someone left open for the subscription no longer fits it: it ends as abandoned.
        var flows = await db.CancellationFeedback
            .Where(f => f.SubscriptionId == subscription.Id && f.Outcome == CancellationOutcome.Open)
            .ToListAsync(cancellationToken);
        foreach (var flow in flows)
        {
            flow.Abandon(now);
        }

        db.AuditEntries.Add(AuditEntry.Record(
            adminId, "subscription.moved", "subscription", subscription.Id.ToString(), targetOrganizationId,
            FieldChange.Describe([
                new("Organization", preview.SourceName, preview.TargetName),
                new("OrganizationId", sourceOrganizationId.ToString(), targetOrganizationId.ToString()),
                new("Plan", null, subscription.PlanCode),
                new("Reason", null, reason),
            ]),
            now));
        db.AuditEntries.Add(AuditEntry.Record(
            adminId, "subscription.moved_away", "subscription", sourceFree.Id.ToString(), sourceOrganizationId,
            FieldChange.Describe([
                new("MovedSubscriptionId", null, subscription.Id.ToString()),
                new("To", null, preview.TargetName),
                new("Plan", subscription.PlanCode, Plan.FreeCode),
                new("Reason", null, reason),
            ]),
            now));

        if (await db.SaveOrRacedAsync(SubscriptionMoveErrors.Changed, cancellationToken) is { } raced)
        {
            return raced;
        }

        await quotas.InvalidateAsync(sourceOrganizationId);
        await quotas.InvalidateAsync(targetOrganizationId);
        LogMoved(logger, adminId, subscription.Id, sourceOrganizationId, targetOrganizationId);
        return new SubscriptionMoved(preview, sourceFree.Id);
    }

    /// <summary>Loads both sides (tracked) and applies every rule of a move; nothing is changed.</summary>
    private static async Task<Result<MovePlan>> PlanAsync(IPortalDbContext db, Guid sourceId, Guid targetId, CancellationToken cancellationToken)
    {
        if (targetId == Guid.Empty)
        {
            return SubscriptionMoveErrors.TargetRequired;
        }

        var source = await db.Organizations.AsNoTracking().Where(o => o.Id == sourceId).Select(o => new { o.Name }).FirstOrDefaultAsync(cancellationToken);
        var subscription = source is null ? null : await db.Subscriptions.FirstOrDefaultAsync(s => s.OrganizationId == sourceId, cancellationToken);
        if (source is null || subscription is null)
        {
            return SubscriptionMoveErrors.SourceNotFound;
        }

        if (targetId == sourceId)
        {
            return SubscriptionMoveErrors.SameOrganization;
        }

        var target = await db.Organizations.AsNoTracking()
            .Where(o => o.Id == targetId && o.DeletedAt == null)
            .Select(o => new { o.Name })
            .FirstOrDefaultAsync(cancellationToken);
        var targetFree = target is null ? null : await db.Subscriptions.FirstOrDefaultAsync(s => s.OrganizationId == targetId, cancellationToken);
        if (target is null || targetFree is null)
        {
            return SubscriptionMoveErrors.TargetNotFound;
        }

        if (subscription.IsFree)
        {
            return SubscriptionMoveErrors.NothingToMove;
        }

        if (subscription.CancelAtPeriodEnd)
        {
            return SubscriptionMoveErrors.CancelsAtPeriodEnd;
        }

        if (await db.Payments.AnyAsync(p => p.SubscriptionId == subscription.Id && p.Status == PaymentStatus.Pending, cancellationToken))
        {
            return SubscriptionMoveErrors.PaymentPending;
        }

        if (!targetFree.IsFree || targetFree.Status != SubscriptionStatus.Active)
        {
            return SubscriptionMoveErrors.TargetHasPlan;
        }

        var freeId = targetFree.Id;
        if (await db.Payments.AnyAsync(p => p.SubscriptionId == freeId, cancellationToken)
            || await db.Trials.AnyAsync(t => t.SubscriptionId == freeId, cancellationToken)
            || await db.WinBacks.AnyAsync(w => w.SubscriptionId == freeId, cancellationToken)
            || await db.CancellationFeedback.AnyAsync(f => f.SubscriptionId == freeId, cancellationToken))
        {
            return SubscriptionMoveErrors.TargetHasHistory;
        }

        var targetHasCard = await db.PaymentMethods.AnyAsync(m => m.OrganizationId == targetId && m.RemovedAt == null, cancellationToken);
        var openFlows = await db.CancellationFeedback.CountAsync(
            f => f.SubscriptionId == subscription.Id && f.Outcome == CancellationOutcome.Open, cancellationToken);
        var nextChargeAt = subscription.Status switch
        {
            SubscriptionStatus.Trialing => subscription.TrialEndsAt,
            SubscriptionStatus.Paused => subscription.PauseEndsAt,
            _ => subscription.NextChargeAttemptAt ?? subscription.CurrentPeriodEnd,
        };
        var preview = new SubscriptionMovePreview(
            subscription.Id, subscription.PlanCode, sourceId, source.Name, targetId, target.Name, nextChargeAt, targetHasCard, openFlows);
        return new MovePlan(subscription, targetFree, preview);
    }

    private sealed record MovePlan(Subscription Subscription, Subscription TargetFree, SubscriptionMovePreview Preview);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Admin {AdminId} moved subscription {SubscriptionId} from organization {SourceId} to organization {TargetId}")]
    private static partial void LogMoved(ILogger logger, Guid adminId, Guid subscriptionId, Guid sourceId, Guid targetId);
}
