using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Domain.Notifications;
using ProfilePortal.Domain.Payments;
using ProfilePortal.Domain.Profile;

namespace ProfilePortal.Domain.Trials;

/// <summary>
/// The reminder sweep: 24 hours and 1 hour (configurable) before a trial converts, the person who started it
/// gets an email with the plan, the amount, the date in their time zone and the link that cancels. Each reminder
/// is recorded on the subscription in the same save as its email, and the subscription's version makes a second
/// sweep running at the same moment save nothing, so none is sent twice; a late sweep sends only the latest
/// reminder that is due.
/// </summary>
public sealed partial class TrialReminderService(
    IPortalDbContextFactory dbFactory,
    EmailOutbox outbox,
    BillingMetrics metrics,
    IOptions<TrialOptions> options,
    IOptions<PortalLinkOptions> links,
    TimeProvider clock,
    ILogger<TrialReminderService> logger)
{
    /// <summary>Queues the reminders due now; returns how many.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        var leads = options.Value.Reminders;
        var sent = 0;

        // The shortest lead first: a trial that is due for both gets only the later reminder, which also counts the
        // earlier one as sent, so the longer lead's pass no longer finds it.
        for (var stage = leads.Count - 1; stage >= 0 && !cancellationToken.IsCancellationRequested; stage--)
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var batch = await RunBatchAsync(stage, leads, cancellationToken);
                sent += batch.Sent;
                if (batch.Read < options.Value.ReminderBatchSize || batch.Conflict)
                {
                    break;
                }
            }
        }

        if (sent > 0)
        {
            LogSwept(logger, sent);
        }

        return sent;
    }

    private async Task<(int Read, int Sent, bool Conflict)> RunBatchAsync(int stage, IReadOnlyList<TimeSpan> leads, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var horizon = now + leads[stage];
        await using var db = await dbFactory.CreateAsync(cancellationToken);

        // Trialing rows keep their trial end in CurrentPeriodEnd, so the (Status, CurrentPeriodEnd) index serves this.
        var due = await db.Subscriptions
            .Include(s => s.Plan)
            .Where(s => s.Status == SubscriptionStatus.Trialing && !s.CancelAtPeriodEnd
                && s.CurrentPeriodEnd > now && s.CurrentPeriodEnd <= horizon && s.TrialRemindersSent <= stage)
            .OrderBy(s => s.CurrentPeriodEnd)
            .Take(options.Value.ReminderBatchSize)
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return (0, 0, false);
        }

        var subscriptionIds = due.Select(s => s.Id).ToList();
        var recipients = await db.Trials.AsNoTracking()
            .Where(t => subscriptionIds.Contains(t.SubscriptionId) && t.Outcome == TrialOutcome.Running)
            .Join(db.Users, t => t.UserId, u => u.Id, (t, u) => new
            {
                t.SubscriptionId,
                Contact = new BillingContact(u.Id, u.Email!, PersonName.Display(u.FirstName, u.LastName, u.Email!), u.PreferredLanguage, u.TimeZone),
            })
            .ToListAsync(cancellationToken);
        var contactOf = recipients.GroupBy(r => r.SubscriptionId).ToDictionary(g => g.Key, g => g.First().Contact);
        var cardOf = await OrganizationCards.MasksAsync(db, [.. due.Select(s => s.OrganizationId)], cancellationToken);

        var sent = 0;
        foreach (var subscription in due)
        {
            if (subscription.TrialReminderDue(leads, now) is not { } index)
            {
                continue;
            }

            subscription.RecordTrialReminder(index);
            if (!contactOf.TryGetValue(subscription.Id, out var contact))
            {
                // No ledger row (a trial granted by hand): nobody to write to; the reminder counts as done.
                continue;
            }

            var plan = subscription.Plan!;
            var model = new TrialReminderModel(
                contact.DisplayName,
                plan.Name,
                plan.Total,
                TimeZones.ToLocal(subscription.TrialEndsAt!.Value, contact.TimeZone),
                string.IsNullOrEmpty(contact.TimeZone) ? "UTC" : contact.TimeZone,
                leads[index],
                cardOf.GetValueOrDefault(subscription.OrganizationId, string.Empty),
                links.Value.Link(TrialService.CancelPath));
            db.EmailMessages.Add(await outbox.PrepareAsync(contact.Email, contact.Language, model, cancellationToken));
            metrics.TrialReminderSent(leads[index]);
            sent++;
        }

        // Another sweep (another node, a run that overlapped) or the customer may have changed one of these rows.
        return await SweepBatch.SaveAsync(db, due.Count, sent, count => LogBatchConflict(logger, count), cancellationToken);
    }


    [LoggerMessage(Level = LogLevel.Information, Message = "Trial reminder sweep queued {Count} reminders")]
    private static partial void LogSwept(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trial reminder batch of {Count} met a concurrent change; the next run takes it up")]
    private static partial void LogBatchConflict(ILogger logger, int count);
}
