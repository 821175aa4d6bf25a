using Microsoft.EntityFrameworkCore;
using ProfilePortal.Domain.Alerts;
using ProfilePortal.Domain.Audit;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Domain.Notifications;
using ProfilePortal.Domain.Payments;
using ProfilePortal.Domain.Retention;
using ProfilePortal.Domain.Trials;

namespace ProfilePortal.Tests.Support;

/// <summary>
/// Writes the rows the alert rules read straight into the database, dated relative to the fixture's clock, so a test
/// can put a rule exactly on either side of its threshold. The rows hang off one customer's organization and
/// subscription; trials get a user each, because a user has one trial.
/// </summary>
public static class AlertScenario
{
    private static int _cycle = 1000;

    // Statuses and instants that only the gateway or the dispatcher set otherwise.
    private static DbContext Ef(IPortalDbContext db) => (DbContext)db;

    /// <summary>Moves the clock past every rule's window and lets the monitor resolve what the last test left open.</summary>
    public static async Task FreshWindowAsync(this PortalServices portal)
    {
        portal.Clock.Advance(TimeSpan.FromDays(400));
        await portal.Get<AlertMonitor>().RunAsync();
    }

    public static async Task SeedAsync(this PortalServices portal, Func<IPortalDbContext, DateTimeOffset, Task> seed)
    {
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        await seed(db, portal.Clock.GetUtcNow());
        await db.SaveChangesAsync();
    }

    /// <summary>Settled charge attempts in the audit trail, <paramref name="ago"/> before now.</summary>
    public static Task SettledAttemptsAsync(this PortalServices portal, int succeeded, int declined, TimeSpan ago) =>
        portal.SeedAsync((db, now) =>
        {
            for (var i = 0; i < succeeded + declined; i++)
            {
                var action = i < succeeded ? PaymentSettlement.SucceededAction : PaymentSettlement.DeclinedAction;
                db.AuditEntries.Add(AuditEntry.Record(null, action, PaymentSettlement.AuditTarget, Guid.NewGuid().ToString(), null, "{}", now - ago));
            }

            return Task.CompletedTask;
        });

    /// <summary>Payments for <paramref name="planCode"/> with one settled attempt each, an hour ago.</summary>
    public static Task PaymentAttemptsAsync(
        this PortalServices portal, Customer customer, PaymentPurpose purpose, string planCode, int succeeded, int declined) =>
        portal.SeedAsync(async (db, now) =>
        {
            var subscriptionId = await db.Subscriptions.Where(s => s.OrganizationId == customer.OrganizationId).Select(s => s.Id).FirstAsync();
            var at = now - TimeSpan.FromHours(1);
            for (var i = 0; i < succeeded + declined; i++)
            {
                var payment = Payment.ForPeriod(
                    customer.OrganizationId, subscriptionId, Interlocked.Increment(ref _cycle), purpose, planCode, Money.Rubles(100m), "Test", null, at);
                db.Payments.Add(payment);
                Ef(db).Entry(payment).Property(p => p.LastAttemptAt).CurrentValue = at;
                var action = i < succeeded ? PaymentSettlement.SucceededAction : PaymentSettlement.DeclinedAction;
                if (i < succeeded)
                {
                    Ef(db).Entry(payment).Property(p => p.Status).CurrentValue = PaymentStatus.Succeeded;
                    Ef(db).Entry(payment).Property(p => p.SucceededAt).CurrentValue = at;
                }

                db.AuditEntries.Add(AuditEntry.Record(null, action, PaymentSettlement.AuditTarget, payment.Id.ToString(), customer.OrganizationId, "{}", at));
            }
        });

    /// <summary>Trials started <paramref name="ago"/> before now, from <paramref name="ip"/>, ended with <paramref name="outcome"/> an hour ago.</summary>
    public static Task TrialsAsync(this PortalServices portal, Customer customer, int count, TrialOutcome outcome, string? ip = null, TimeSpan? ago = null) =>
        portal.SeedAsync(async (db, now) =>
        {
            var subscriptionId = await db.Subscriptions.Where(s => s.OrganizationId == customer.OrganizationId).Select(s => s.Id).FirstAsync();
            var started = now - (ago ?? TimeSpan.FromDays(2));
            for (var i = 0; i < count; i++)
            {
                var user = ApplicationUser.Create(Builders.UniqueEmail("trial"), "en", started);
                db.Users.Add(user);
                var trial = Trial.Start(user.Id, customer.OrganizationId, subscriptionId, "new_monthly", started, started.AddDays(7), ip, null);
                if (outcome != TrialOutcome.Running)
                {
                    trial.End(outcome, now - TimeSpan.FromHours(1));
                }

                db.Trials.Add(trial);
            }
        });

    /// <summary>Trial activation attempts of the customer, <paramref name="ago"/> before now, ending as each count says.</summary>
    public static Task ActivationAttemptsAsync(
        this PortalServices portal, Customer customer, int succeeded, int failed, int blocked = 0, TimeSpan? ago = null) =>
        portal.SeedAsync((db, now) =>
        {
            var at = now - (ago ?? TimeSpan.FromHours(2));
            for (var i = 0; i < succeeded + failed + blocked; i++)
            {
                db.TrialActivationAttempts.Add(
                    i < succeeded ? TrialActivationAttempt.Succeeded(customer.Id, customer.OrganizationId, "new_monthly", at, null)
                    : i < succeeded + failed ? TrialActivationAttempt.Failed(customer.Id, customer.OrganizationId, "new_monthly", at, "billing.declined_funds", null)
                    : TrialActivationAttempt.Blocked(customer.Id, customer.OrganizationId, "new_monthly", at, TrialErrors.Blocked.Code, null));
            }

            return Task.CompletedTask;
        });

    public static Task EmailsAsync(this PortalServices portal, int sent, int failed, int suppressed = 0) =>
        portal.SeedAsync((db, now) =>
        {
            for (var i = 0; i < sent + failed + suppressed; i++)
            {
                var message = EmailMessage.Queue("test", Builders.UniqueEmail(), "en", Outbox.Content(), now - TimeSpan.FromHours(2));
                db.EmailMessages.Add(message);
                Ef(db).Entry(message).Property(m => m.Status).CurrentValue =
                    i < sent ? EmailStatus.Sent : i < sent + failed ? EmailStatus.Failed : EmailStatus.Suppressed;
            }

            return Task.CompletedTask;
        });

    /// <summary>Each subscription's audit story: the actions in order, a minute apart, ending an hour ago.</summary>
    public static Task SubscriptionStoriesAsync(this PortalServices portal, int count, params string[] actions) =>
        portal.SeedAsync((db, now) =>
        {
            for (var i = 0; i < count; i++)
            {
                var target = Guid.NewGuid().ToString();
                for (var step = 0; step < actions.Length; step++)
                {
                    var at = now - TimeSpan.FromHours(1) - TimeSpan.FromMinutes(actions.Length - step);
                    db.AuditEntries.Add(AuditEntry.Record(null, actions[step], "subscription", target, null, "{}", at));
                }
            }

            return Task.CompletedTask;
        });

    /// <summary>Full cancellation flows begun <paramref name="ago"/> before now, each ending as <paramref name="outcome"/>.</summary>
    public static Task CancellationFlowsAsync(this PortalServices portal, Customer customer, int count, CancellationOutcome outcome, TimeSpan ago) =>
        portal.SeedAsync(async (db, now) =>
        {
            var subscriptionId = await db.Subscriptions.Where(s => s.OrganizationId == customer.OrganizationId).Select(s => s.Id).FirstAsync();
            for (var i = 0; i < count; i++)
            {
                var started = now - ago;
                var flow = CancellationFeedback.Begin(customer.Id, customer.OrganizationId, subscriptionId, "new_monthly", CancellationReason.TooExpensive, null, null, started);
                switch (outcome)
                {
                    case CancellationOutcome.Cancelled:
                        flow.Confirm(started.AddMinutes(2));
                        break;
                    case CancellationOutcome.Abandoned:
                        flow.Abandon(started.AddMinutes(2));
                        break;
                    case CancellationOutcome.Saved:
                    case CancellationOutcome.Open:
                        break;
                }

                db.CancellationFeedback.Add(flow);
            }
        });
}
