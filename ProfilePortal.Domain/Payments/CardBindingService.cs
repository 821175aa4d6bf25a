using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ProfilePortal.Domain.Audit;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Common;

namespace ProfilePortal.Domain.Payments;

/// <summary>What one run of the hold release did.</summary>
public sealed record HoldReleaseResult(int Released, int Postponed, int Refused)
{
    public int Total => Released + Postponed + Refused;
}

/// <summary>
/// The provider's side of a card binding (<see cref="CardBinding"/>): its Check, Pay and Fail notifications,
/// in the notification's own context and save (<see cref="PaymentNotificationService"/> stores each once), and
/// the void of the 1 RUB hold. The void goes out right after the Pay is saved; one that does not get through is
/// sent again by <see cref="ReleaseDueHoldsAsync"/>, which the renewal sweep runs every minute, with the same
/// request id, so the provider releases each hold once however often it is asked.
/// </summary>
public sealed partial class CardBindingService(
    IPortalDbContextFactory dbFactory,
    IPaymentGateway gateway,
    TimeProvider clock,
    ILogger<CardBindingService> logger)
{
    /// <summary>
    /// Holds one run of the sweep releases at most. A run stops at the first void the provider does not answer,
    /// so an outage costs one request timeout per run, not one per hold.
    /// </summary>
    public const int ReleaseBatchSize = 20;

    /// <summary>
    /// Applies a Check, Pay or Fail whose invoice is a card binding's, in <paramref name="db"/>; the caller
    /// stores the notification in the same save. Mismatches are answered as for payments: unknown invoice 10,
    /// another amount or currency 11, another organization 13.
    /// </summary>
    internal async Task<NotificationVerdict> ApplyNotificationAsync(IPortalDbContext db, ProviderNotification notification, CancellationToken cancellationToken)
    {
        var binding = await db.CardBindings.FirstOrDefaultAsync(b => b.InvoiceId == notification.InvoiceId, cancellationToken);
        if (binding is null)
        {
            return NotificationVerdict.UnknownInvoice;
        }

        if (!Matches(binding, notification, out var mismatch))
        {
            return mismatch;
        }

        var now = clock.GetUtcNow();
        switch (notification.Kind)
        {
            case NotificationKind.Check:
                // A bound card is not authorised again; a declined try may be followed by another card.
                return binding.AcceptCheck() ? NotificationVerdict.Accepted : NotificationVerdict.Rejected;

            case NotificationKind.Fail:
                if (binding.Decline(notification.ReasonCode ?? "unknown", notification.Reason ?? "Declined", now))
                {
                    db.AuditEntries.Add(AuditEntry.Record(
                        binding.InitiatedByUserId, "card_binding.declined", "card_binding", binding.Id.ToString(), binding.OrganizationId,
                        FieldChange.Describe([new("Status", null, binding.Status.ToString()), new("Reason", null, $"{binding.FailureCode} {binding.FailureReason}")]),
                        now));
                }

                return NotificationVerdict.Accepted;

            case NotificationKind.Pay:
                return await ApplyPayAsync(db, binding, notification, now, cancellationToken);

            default:
                throw new InvalidOperationException($"A card binding has no {notification.Kind} notification.");
        }
    }

    /// <summary>
    /// After a Pay of a card binding was saved: voids the hold it reported. The binding's own hold is voided
    /// and the outcome recorded (one that does not get through is left to the sweep); a second authorisation of
    /// the same binding (refused, nothing saved) is voided once, best effort. Never throws for the provider's
    /// sake: the notification is already answered.
    /// </summary>
    public async Task ReleaseHoldAsync(ProviderNotification notification, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notification);
        try
        {
            await ReleaseReportedHoldAsync(notification, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The database failed after the Pay was saved: the hold is due for the sweep all the same.
            LogReleaseFailed(logger, exception, notification.ExternalId);
        }
    }

    private async Task ReleaseReportedHoldAsync(ProviderNotification notification, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var binding = await db.CardBindings.FirstOrDefaultAsync(b => b.InvoiceId == notification.InvoiceId, cancellationToken);
        if (binding is null || !Matches(binding, notification, out _))
        {
            return;
        }

        if (binding.ProviderTransactionId == notification.ExternalId)
        {
            if (binding.HoldsMoney)
            {
                var outcome = await VoidSafelyAsync(new VoidRequest(notification.ExternalId, binding.VoidRequestId), cancellationToken);
                Record(binding, outcome, clock.GetUtcNow());
                await SaveQuietlyAsync(db, cancellationToken);
            }

            return;
        }

        var stray = await VoidSafelyAsync(new VoidRequest(notification.ExternalId, $"{binding.InvoiceId}/void/{notification.ExternalId}"), cancellationToken);
        if (stray is not VoidOutcome.Succeeded)
        {
            LogStrayHoldKept(logger, notification.ExternalId, binding.Id, Reason(stray));
        }
    }

    /// <summary>
    /// Voids the holds whose void is due (bound or failed bindings whose first void did not get through), oldest
    /// first, at most <see cref="ReleaseBatchSize"/>. No answer postpones a hold (1, 2, 4 … minutes, at most an
    /// hour) and ends the run; a refusal is final and logged as an error for support.
    /// </summary>
    public async Task<HoldReleaseResult> ReleaseDueHoldsAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var due = await db.CardBindings
            .Where(b => b.NextVoidAttemptAt <= now)
            .OrderBy(b => b.NextVoidAttemptAt)
            .Take(ReleaseBatchSize)
            .ToListAsync(cancellationToken);
        int released = 0, postponed = 0, refused = 0;
        foreach (var binding in due)
        {
            var outcome = await VoidSafelyAsync(new VoidRequest(binding.ProviderTransactionId!, binding.VoidRequestId), cancellationToken);
            Record(binding, outcome, clock.GetUtcNow());
            switch (outcome)
            {
                case VoidOutcome.Succeeded:
                    released++;
                    break;
                case VoidOutcome.Refused:
                    refused++;
                    break;
                default:
                    postponed++;
                    break;
            }

            if (outcome is VoidOutcome.Failed)
            {
                // The provider is not answering: the rest wait for the next run instead of a timeout each.
                break;
            }
        }

        await SaveQuietlyAsync(db, cancellationToken);
        var result = new HoldReleaseResult(released, postponed, refused);
        if (result.Total > 0)
        {
            LogSwept(logger, released, postponed, refused);
        }

        return result;
    }

    private static async Task<NotificationVerdict> ApplyPayAsync(
        IPortalDbContext db, CardBinding binding, ProviderNotification notification, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (binding.ProviderTransactionId is { } held)
        {
            // The same authorisation again is a replay under another key; another one is a second hold of a
            // binding already done: nothing is saved, and the caller releases it.
            return held == notification.ExternalId ? NotificationVerdict.Accepted : NotificationVerdict.Rejected;
        }

        if (notification.Card is not { Token.Length: > 0 } card)
        {
            binding.FailWithHold(notification.ExternalId, "The payment provider sent no card token.", now);
            return NotificationVerdict.Accepted;
        }

        var method = await OrganizationCards.AddAsync(
            db, binding.OrganizationId, notification.Provider, card, binding.InitiatedByUserId, now, retirePrevious: true, cancellationToken);
        binding.Bind(notification.ExternalId, method.Id, now);

        // A renewal waiting for a new card is tried again at once by the next sweep.
        var subscription = await db.Subscriptions.FirstAsync(s => s.OrganizationId == binding.OrganizationId, cancellationToken);
        if (subscription.Status == SubscriptionStatus.PastDue)
        {
            subscription.PostponeCharge(now);
        }

        return NotificationVerdict.Accepted;
    }

    private static bool Matches(CardBinding binding, ProviderNotification notification, out NotificationVerdict mismatch)
    {
        mismatch = !string.Equals(notification.AccountId, binding.OrganizationId.ToString(), StringComparison.OrdinalIgnoreCase)
            ? NotificationVerdict.Rejected
            : notification.Amount != binding.Amount || !string.Equals(notification.Currency, binding.Currency, StringComparison.OrdinalIgnoreCase)
                ? NotificationVerdict.WrongAmount
                : NotificationVerdict.Accepted;
        return mismatch == NotificationVerdict.Accepted;
    }

    private void Record(CardBinding binding, VoidOutcome outcome, DateTimeOffset now)
    {
        switch (outcome)
        {
            case VoidOutcome.Succeeded:
                binding.Voided(now);
                break;
            case VoidOutcome.Refused refused:
                binding.VoidRefused(refused.Reason);
                LogVoidRefused(logger, binding.Id, binding.ProviderTransactionId!, refused.Reason);
                break;
            case VoidOutcome.Failed failed:
                binding.VoidPostponed(failed.Reason, now);
                LogVoidPostponed(logger, binding.Id, binding.ProviderTransactionId!, failed.Reason, binding.NextVoidAttemptAt!.Value);
                break;
            default:
                throw new InvalidOperationException($"Unknown void outcome {outcome}.");
        }
    }

    private async Task<VoidOutcome> VoidSafelyAsync(VoidRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await gateway.VoidAsync(request, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A gateway bug must not lose the hold: it stays due and is voided later.
            LogVoidThrew(logger, exception, request.RequestId);
            return new VoidOutcome.Failed(exception.Message);
        }
    }

    private async Task SaveQuietlyAsync(IPortalDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The void after a notification and the sweep met on one binding. Nothing of this save is kept; the
            // hold stays due and its void is resent with the same request id, which the provider answers as before.
            LogConflict(logger);
        }
    }

    private static string Reason(VoidOutcome outcome) => outcome switch
    {
        VoidOutcome.Refused refused => refused.Reason,
        VoidOutcome.Failed failed => failed.Reason,
        _ => "-",
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Card binding holds: {Released} released, {Postponed} postponed, {Refused} refused")]
    private static partial void LogSwept(ILogger logger, int released, int postponed, int refused);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The hold of card binding {BindingId} (transaction {TransactionId}) was not released: {Reason}; it is tried again at {NextAttemptAt}")]
    private static partial void LogVoidPostponed(ILogger logger, Guid bindingId, string transactionId, string reason, DateTimeOffset nextAttemptAt);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "The payment provider refused to release the hold of card binding {BindingId} (transaction {TransactionId}): {Reason}; release it in the provider's cabinet")]
    private static partial void LogVoidRefused(ILogger logger, Guid bindingId, string transactionId, string reason);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "A second hold (transaction {TransactionId}) of card binding {BindingId} was not released: {Reason}; release it in the provider's cabinet")]
    private static partial void LogStrayHoldKept(ILogger logger, string transactionId, Guid bindingId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Void {RequestId} failed in the gateway; it is sent again later")]
    private static partial void LogVoidThrew(ILogger logger, Exception exception, string requestId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Releasing the hold of transaction {TransactionId} after its Pay notification failed; the sweep releases it")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception, string transactionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A card binding's hold was changed concurrently; its void is resent by the next sweep")]
    private static partial void LogConflict(ILogger logger);
}
