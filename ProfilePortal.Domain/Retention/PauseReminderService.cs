using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Domain.Notifications;
using ProfilePortal.Domain.Organizations;
using ProfilePortal.Domain.Payments;
using ProfilePortal.Domain.Profile;

namespace ProfilePortal.Domain.Retention;

/// <summary>
/// The pause reminder sweep: <c>Retention:PauseReminderLead</c> (3 days) before a pause ends, the organization's
/// owner is told that the subscription resumes then and what will be charged, and when. The reminder is recorded
/// on the subscription in the same save as its email, and the subscription's version makes a second sweep running
/// at the same moment save nothing, so each pause gets one reminder however late or often the sweep runs. A sweep
/// that comes after the pause has ended sends nothing: the subscription has resumed by then.
/// </summary>
public sealed partial class PauseReminderService(
    IPortalDbContextFactory dbFactory,
    EmailOutbox outbox,
    IOptions<RetentionOptions> options,
    IOptions<PortalLinkOptions> links,
    TimeProvider clock,
    ILogger<PauseReminderService> logger)
{
    /// <summary>Queues the reminders due now; returns how many.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        var sent = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var batch = await RunBatchAsync(cancellationToken);
            sent += batch.Sent;
            if (batch.Read < options.Value.PauseReminderBatchSize || batch.Conflict)
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

    private async Task<(int Read, int Sent, bool Conflict)> RunBatchAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var lead = options.Value.PauseReminderLead;
        var horizon = now + lead;
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var due = await db.Subscriptions
            .Include(s => s.Plan)
            .Where(s => s.Status == SubscriptionStatus.Paused && s.PauseReminderSentAt == null && s.PauseEndsAt > now && s.PauseEndsAt <= horizon)
            .OrderBy(s => s.PauseEndsAt)
            .Take(options.Value.PauseReminderBatchSize)
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return (0, 0, false);
        }

        var organizationIds = due.Select(s => s.OrganizationId).ToList();
        var ownerOf = await OwnersAsync(db, organizationIds, cancellationToken);
        var cardOf = await OrganizationCards.MasksAsync(db, organizationIds, cancellationToken);
        var sent = 0;
        foreach (var subscription in due)
        {
            if (!subscription.PauseReminderDue(lead, now))
            {
                continue;
            }

            subscription.RecordPauseReminder(now);
            if (!ownerOf.TryGetValue(subscription.OrganizationId, out var owner))
            {
                // An organization without an owner has nobody to write to; the reminder counts as done.
                continue;
            }

            var pause = PauseService.Describe(subscription, subscription.Plan!);
            var model = new PauseReminderModel(
                owner.DisplayName,
                pause.PlanName,
                TimeZones.ToLocal(pause.PauseEndsAt, owner.TimeZone),
                pause.NextCharge!.Amount,
                TimeZones.ToLocal(pause.NextCharge.At, owner.TimeZone),
                owner.TimeZone ?? string.Empty,
                cardOf.GetValueOrDefault(subscription.OrganizationId, string.Empty),
                links.Value.Link(PauseService.BillingPath));
            db.EmailMessages.Add(await outbox.PrepareAsync(owner.Email, owner.Language, model, cancellationToken));
            sent++;
        }

        // Another sweep or the customer (resuming early) may have changed one of these rows.
        return await SweepBatch.SaveAsync(db, due.Count, sent, count => LogBatchConflict(logger, count), cancellationToken);
    }

    private static async Task<Dictionary<Guid, BillingContact>> OwnersAsync(IPortalDbContext db, List<Guid> organizationIds, CancellationToken cancellationToken) =>
        (await db.Memberships.AsNoTracking()
            .Where(m => organizationIds.Contains(m.OrganizationId) && m.Role == OrganizationRole.Owner)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new
            {
                m.OrganizationId,
                Contact = new BillingContact(u.Id, u.Email!, PersonName.Display(u.FirstName, u.LastName, u.Email!), u.PreferredLanguage, u.TimeZone),
            })
            .ToListAsync(cancellationToken))
        .GroupBy(o => o.OrganizationId)
        .ToDictionary(g => g.Key, g => g.First().Contact);


    [LoggerMessage(Level = LogLevel.Information, Message = "Pause reminder sweep queued {Count} reminders")]
    private static partial void LogSwept(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pause reminder batch of {Count} met a concurrent change; the next run takes it up")]
    private static partial void LogBatchConflict(ILogger logger, int count);
}
