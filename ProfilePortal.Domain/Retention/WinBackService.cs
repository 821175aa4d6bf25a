using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Features;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Domain.Notifications;

namespace ProfilePortal.Domain.Retention;

/// <summary>
/// Win-back emails after a cancelled trial or plan (seed 002 D03/D04). A cancellation stages a row in its own
/// save (<see cref="StageAsync"/>); the sweep (<see cref="SendDueAsync"/>) queues step 1 a first delay after
/// access ended and step 2 a second delay after it, each at most once and in the same save as its row's update,
/// and closes a row instead when the organization is a customer again, the person unsubscribed or the flag
/// went off for them. A plan bought after an email counts as a conversion (<see cref="RecordConversionAsync"/>).
/// </summary>
public sealed partial class WinBackService(
    IPortalDbContextFactory dbFactory,
    IFeatureGate features,
    EmailOutbox outbox,
    MarketingPreferences preferences,
    RetentionMetrics metrics,
    IOptions<WinBackOptions> options,
    IOptions<PortalLinkOptions> links,
    TimeProvider clock,
    ILogger<WinBackService> logger)
{
    /// <summary>The plans page with the marker that tells a win-back visit from others.</summary>
    public const string OfferPath = "pricing?from=winback";

    /// <summary>
    /// Stages the win-back of a cancellation in <paramref name="db"/>, for the caller's save; call it while the
    /// cancellation is being saved. A row is added only when the <c>WinBack</c> flag is on for
    /// <paramref name="userId"/> at this moment and they have not unsubscribed: this is what "only cancellations
    /// after the launch" means. Nothing is retroactive: a cancellation made while the flag was off never gets a
    /// row, and switching the flag on later does not create one. Staging the same cancellation twice adds one row.
    /// </summary>
    /// <param name="db">The caller's unit of work; nothing is saved here.</param>
    /// <param name="subscription">The cancelled subscription.</param>
    /// <param name="userId">Who cancelled; the emails go to them.</param>
    /// <param name="kind"><see cref="WinBackKind.Trial"/> or <see cref="WinBackKind.Paid"/>.</param>
    /// <param name="accessEndsAt">When access ends: the trial end, or the paid period's end.</param>
    /// <param name="ct">Cancels the reads.</param>
    public async Task StageAsync(IPortalDbContext db, Subscription subscription, Guid userId, WinBackKind kind, DateTimeOffset accessEndsAt, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(subscription);
        if (!await features.IsEnabledForAsync(FeatureNames.WinBack, userId, ct)
            || await db.Users.AnyAsync(u => u.Id == userId && u.MarketingOptOutAt != null, ct))
        {
            return;
        }

        var staged = db.WinBacks.Local.Any(w => w.SubscriptionId == subscription.Id && w.AccessEndsAt == accessEndsAt)
            || await db.WinBacks.AnyAsync(w => w.SubscriptionId == subscription.Id && w.AccessEndsAt == accessEndsAt, ct);
        if (!staged)
        {
            db.WinBacks.Add(WinBack.Stage(userId, subscription.OrganizationId, subscription.Id, kind, accessEndsAt, clock.GetUtcNow()));
        }
    }

    /// <summary>Queues the win-back emails due now, batch by batch; returns how many.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct = default)
    {
        var sent = 0;
        while (!ct.IsCancellationRequested)
        {
            var batch = await SendBatchAsync(ct);
            sent += batch.Sent;
            if (batch.Read < options.Value.BatchSize || batch.Conflict)
            {
                break;
            }
        }

        if (sent > 0)
        {
            LogSwept(logger, sent);
        }

        return sent;
    }

    /// <summary>
    /// A plan was bought for <paramref name="organizationId"/> (in the caller's save): each win-back of it whose
    /// email went out and that has not converted yet converts, and the rest stop.
    /// </summary>
    public async Task RecordConversionAsync(IPortalDbContext db, Guid organizationId, string planCode, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = clock.GetUtcNow();
        var open = await db.WinBacks
            .Where(w => w.OrganizationId == organizationId && w.ConvertedAt == null
                && (w.ClosedAt == null || w.Step1SentAt != null || w.Step2SentAt != null))
            .ToListAsync(ct);
        foreach (var winBack in open)
        {
            if (winBack.MarkConverted(now))
            {
                metrics.WinBackConverted(planCode);
            }
            else
            {
                winBack.Close(WinBackClosure.Resubscribed, now);
            }
        }
    }

    private async Task<(int Read, int Sent, bool Conflict)> SendBatchAsync(CancellationToken ct)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        var firstDue = now - settings.FirstDelay;
        var secondDue = now - settings.SecondDelay;
        await using var db = await dbFactory.CreateAsync(ct);

        // Open rows with a step due: step 1 not sent and its delay over, or step 2's delay over.
        var due = await db.WinBacks
            .Where(w => w.ClosedAt == null && w.AccessEndsAt <= firstDue && (w.Step1SentAt == null || w.AccessEndsAt <= secondDue))
            .OrderBy(w => w.AccessEndsAt)
            .Take(settings.BatchSize)
            .ToListAsync(ct);
        if (due.Count == 0)
        {
            return (0, 0, false);
        }

        var subscriptionIds = due.Select(w => w.SubscriptionId).Distinct().ToList();
        var subscriptions = await db.Subscriptions.AsNoTracking().Where(s => subscriptionIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        var userIds = due.Select(w => w.UserId).Distinct().ToList();
        var users = await db.Users.AsNoTracking()
            .Where(u => userIds.Contains(u.Id))
            .Select(u => new Recipient(u.Id, u.Email, PersonName.Display(u.FirstName, u.LastName, u.Email ?? string.Empty), u.PreferredLanguage, u.MarketingOptOutAt != null))
            .ToDictionaryAsync(u => u.Id, ct);

        var steps = new List<int>();
        foreach (var winBack in due)
        {
            if (winBack.DueStep(now, settings.FirstDelay, settings.SecondDelay) is not { } step)
            {
                continue;
            }

            if (await ClosureAsync(winBack, subscriptions.GetValueOrDefault(winBack.SubscriptionId), users.GetValueOrDefault(winBack.UserId), ct) is { } closure)
            {
                winBack.Close(closure, now);
                continue;
            }

            var recipient = users[winBack.UserId];
            var model = new WinBackModel(
                recipient.DisplayName, winBack.Kind, step, links.Value.Link($"{OfferPath}&step={step}"), preferences.UnsubscribeUrl(recipient.Id));
            db.EmailMessages.Add(await outbox.PrepareAsync(recipient.Email!, recipient.Language, model, ct));
            winBack.RecordSent(step, now);
            steps.Add(step);
        }

        // Another sweep (another node, an overlapping run) may have advanced one of these rows.
        var batch = await SweepBatch.SaveAsync(db, due.Count, steps.Count, count => LogBatchConflict(logger, count), ct);
        if (!batch.Conflict)
        {
            steps.ForEach(metrics.WinBackSent);
        }

        return batch;
    }

    /// <summary>Why the row stops instead of sending, or null to send.</summary>
    private async Task<WinBackClosure?> ClosureAsync(WinBack winBack, Subscription? subscription, Recipient? recipient, CancellationToken ct)
    {
        if (recipient?.Email is not { Length: > 0 })
        {
            return WinBackClosure.NoRecipient;
        }

        if (subscription is not null && winBack.IsWonBackBy(subscription))
        {
            return WinBackClosure.Resubscribed;
        }

        if (recipient.OptedOut)
        {
            return WinBackClosure.Unsubscribed;
        }

        return await features.IsEnabledForAsync(FeatureNames.WinBack, winBack.UserId, ct) ? null : WinBackClosure.FlagOff;
    }

    private sealed record Recipient(Guid Id, string? Email, string DisplayName, string Language, bool OptedOut);

    [LoggerMessage(Level = LogLevel.Information, Message = "Win-back sweep queued {Count} emails")]
    private static partial void LogSwept(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Win-back batch of {Count} met a concurrent change; the next run takes it up")]
    private static partial void LogBatchConflict(ILogger logger, int count);
}
