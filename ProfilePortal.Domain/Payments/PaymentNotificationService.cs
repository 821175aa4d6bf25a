using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ProfilePortal.Domain.Audit;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Organizations;
using ProfilePortal.Domain.Quotas;

namespace ProfilePortal.Domain.Payments;

/// <summary>The kinds of provider notification the portal acts on.</summary>
public enum NotificationKind
{
    /// <summary>Before a customer's payment in the provider's widget: may the provider take it?</summary>
    Check = 0,

    /// <summary>A payment succeeded; carries the card token for later charges.</summary>
    Pay = 1,

    /// <summary>A payment was declined.</summary>
    Fail = 2,

    /// <summary>Money was returned.</summary>
    Refund = 3,

    /// <summary>A provider-side subscription changed; the portal schedules its own charges, so it is only stored.</summary>
    Recurrent = 4,
}

/// <summary>The answer to a provider's notification, as CloudPayments codes it.</summary>
public enum NotificationVerdict
{
    Accepted = 0,
    UnknownInvoice = 10,
    WrongAmount = 11,
    Rejected = 13,
}

/// <summary>
/// A provider's notification, already verified (signature) and parsed by the provider's adapter.
/// <paramref name="ExternalId"/> is what makes it unique for its kind: the transaction id, or for a
/// Recurrent the subscription id with its status. The adapter maps the provider's decline code to
/// <paramref name="DeclineKind"/>.
/// </summary>
public sealed record ProviderNotification(
    string Provider,
    NotificationKind Kind,
    string ExternalId,
    string? InvoiceId,
    string? AccountId,
    decimal Amount,
    string Currency,
    CardDetails? Card,
    string? ReasonCode,
    string? Reason,
    string? PaymentTransactionId,
    string RawBody,
    DeclineKind DeclineKind = DeclineKind.Soft);

/// <summary>
/// Acts on payment notifications exactly once: each is stored with a unique key in the same save as its
/// effect, so a replay (the provider retrying, an attacker replaying, a hundred at once) is answered with the
/// first answer and changes nothing. Anything that does not match a payment of ours (unknown invoice, another
/// organization, another amount or currency, an invoice already paid) is refused and logged. An invoice of a
/// card binding goes to <see cref="CardBindingService"/>, and the hold its Pay reports is voided once that Pay is
/// saved.
/// </summary>
public sealed partial class PaymentNotificationService(
    IPortalDbContextFactory dbFactory,
    PaymentSettlement settlement,
    CardBindingService cardBindings,
    QuotaService quotas,
    TimeProvider clock,
    ILogger<PaymentNotificationService> logger)
{
    public async Task<NotificationVerdict> HandleAsync(ProviderNotification notification, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notification);
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateAsync(cancellationToken);
            if (await StoredVerdictAsync(db, notification, cancellationToken) is { } replayed)
            {
                LogReplay(logger, notification.Kind, notification.ExternalId, (int)replayed);
                return replayed;
            }

            NotificationVerdict verdict;
            try
            {
                verdict = await ApplyAsync(db, notification, cancellationToken);
                db.PaymentNotifications.Add(PaymentNotification.Receive(
                    notification.Provider, notification.Kind.ToString().ToLowerInvariant(), notification.ExternalId, notification.InvoiceId,
                    notification.RawBody, (int)verdict, clock.GetUtcNow()));
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                // A parallel delivery of the same notification (or a concurrent change of the payment) won the
                // race: nothing of ours was saved; look again, and answer as the first one was answered.
                continue;
            }

            if (verdict != NotificationVerdict.Accepted)
            {
                LogRefused(logger, notification.Kind, notification.ExternalId, notification.InvoiceId, (int)verdict);
            }

            if (notification.Kind == NotificationKind.Pay && CardBinding.IsBindingInvoice(notification.InvoiceId))
            {
                // A card binding's check holds money until it is voided: at once, now that the card is saved.
                await cardBindings.ReleaseHoldAsync(notification, cancellationToken);
            }

            return verdict;
        }
    }

    private async Task<NotificationVerdict> ApplyAsync(IPortalDbContext db, ProviderNotification notification, CancellationToken cancellationToken)
    {
        switch (notification.Kind)
        {
            case NotificationKind.Recurrent:
                return NotificationVerdict.Accepted;
            case NotificationKind.Refund:
                return await ApplyRefundAsync(db, notification, cancellationToken);
        }

        if (CardBinding.IsBindingInvoice(notification.InvoiceId))
        {
            return await cardBindings.ApplyNotificationAsync(db, notification, cancellationToken);
        }

        var payment = notification.InvoiceId is { Length: > 0 } invoice
            ? await db.Payments.FirstOrDefaultAsync(p => p.IdempotencyKey == invoice, cancellationToken)
            : null;
        if (payment is null)
        {
            return NotificationVerdict.UnknownInvoice;
        }

        if (!string.Equals(notification.AccountId, payment.OrganizationId.ToString(), StringComparison.OrdinalIgnoreCase))
        {
            return NotificationVerdict.Rejected;
        }

        if (notification.Amount != payment.Amount || !string.Equals(notification.Currency, payment.Currency, StringComparison.OrdinalIgnoreCase))
        {
            return NotificationVerdict.WrongAmount;
        }

        var now = clock.GetUtcNow();
        switch (notification.Kind)
        {
            case NotificationKind.Check:
                // A second payment for an invoice already paid (a double click in the widget) is refused here,
                // before the provider takes the money.
                if (payment.Status is not (PaymentStatus.Pending or PaymentStatus.Failed))
                {
                    return NotificationVerdict.Rejected;
                }

                // An upgrade whose quote has expired is refused before the widget charges it, as PayAsync refuses it.
                if (payment.Purpose == PaymentPurpose.Upgrade && await PlanChangeService.RefusePaymentAsync(db, payment, now, cancellationToken) is not null)
                {
                    return NotificationVerdict.Rejected;
                }

                payment.BeginAttempt(notification.Provider, null, notification.Card?.Mask ?? string.Empty, now);
                return NotificationVerdict.Accepted;

            case NotificationKind.Fail:
                if (payment.Status == PaymentStatus.Pending)
                {
                    await settlement.DeclineAsync(
                        db, payment,
                        new ChargeOutcome.Declined(notification.ReasonCode ?? "unknown", notification.Reason ?? "Declined", notification.DeclineKind),
                        null, null, cancellationToken);
                }

                return NotificationVerdict.Accepted;

            case NotificationKind.Pay:
                if (payment.Status is PaymentStatus.Succeeded or PaymentStatus.Refunded or PaymentStatus.PartiallyRefunded)
                {
                    // Another transaction for a paid invoice: nothing changes here; support refunds it.
                    return payment.ProviderTransactionId == notification.ExternalId ? NotificationVerdict.Accepted : NotificationVerdict.Rejected;
                }

                payment.BeginAttempt(notification.Provider, null, notification.Card?.Mask ?? string.Empty, now);
                if (notification.Card is { Token.Length: > 0 } card)
                {
                    await OrganizationCards.AddAsync(db, payment.OrganizationId, notification.Provider, card, payment.InitiatedByUserId, now, retirePrevious: true, cancellationToken);
                }

                var subscription = payment.SubscriptionId is { } id ? await db.Subscriptions.FirstAsync(s => s.Id == id, cancellationToken) : null;
                var plan = payment.PlanCode is { } code ? await db.Plans.AsNoTracking().FirstAsync(p => p.Code == code, cancellationToken) : null;
                var contactId = payment.InitiatedByUserId
                    ?? await db.Memberships.Where(m => m.OrganizationId == payment.OrganizationId && m.Role == OrganizationRole.Owner)
                        .Select(m => m.UserId).FirstAsync(cancellationToken);
                var contact = await BillingService.ContactQuery(db, contactId).FirstAsync(cancellationToken);
                await settlement.SucceedAsync(db, payment, notification.ExternalId, subscription, plan, contact, cancellationToken);
                await quotas.InvalidateAsync(payment.OrganizationId);
                return NotificationVerdict.Accepted;

            default:
                throw new InvalidOperationException($"Unknown notification kind {notification.Kind}.");
        }
    }

    private async Task<NotificationVerdict> ApplyRefundAsync(IPortalDbContext db, ProviderNotification notification, CancellationToken cancellationToken)
    {
        var payment = notification.PaymentTransactionId is { Length: > 0 } original
            ? await db.Payments.FirstOrDefaultAsync(p => p.ProviderTransactionId == original, cancellationToken)
            : null;
        if (payment is null)
        {
            return NotificationVerdict.UnknownInvoice;
        }

        // A refund the portal made itself is already recorded under the provider's refund id.
        if (await db.Refunds.AnyAsync(r => r.PaymentId == payment.Id && r.ProviderRefundId == notification.ExternalId, cancellationToken))
        {
            return NotificationVerdict.Accepted;
        }

        if (notification.Amount <= 0 || notification.Amount > payment.Amount - payment.RefundedAmount)
        {
            return NotificationVerdict.WrongAmount;
        }

        var now = clock.GetUtcNow();
        payment.RecordRefund(notification.Amount);
        db.Refunds.Add(Refund.Record(payment, notification.Amount, "Refunded at the provider", null, notification.ExternalId, now));
        db.AuditEntries.Add(AuditEntry.Record(
            null, "payment.refunded", "payment", payment.Id.ToString(), payment.OrganizationId,
            FieldChange.Describe([new("Refunded", null, notification.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("Status", null, payment.Status.ToString())]),
            now));
        return NotificationVerdict.Accepted;
    }

    private static async Task<NotificationVerdict?> StoredVerdictAsync(IPortalDbContext db, ProviderNotification notification, CancellationToken cancellationToken)
    {
        var kind = notification.Kind.ToString().ToLowerInvariant();
        var code = await db.PaymentNotifications.AsNoTracking()
            .Where(n => n.Provider == notification.Provider && n.Kind == kind && n.ExternalId == notification.ExternalId)
            .Select(n => (int?)n.ResultCode)
            .FirstOrDefaultAsync(cancellationToken);
        return code is { } found ? (NotificationVerdict)found : null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Payment notification {Kind} {ExternalId} replayed; answered {Code} as before")]
    private static partial void LogReplay(ILogger logger, NotificationKind kind, string externalId, int code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payment notification {Kind} {ExternalId} for invoice {InvoiceId} refused with code {Code}")]
    private static partial void LogRefused(ILogger logger, NotificationKind kind, string externalId, string? invoiceId, int code);
}
