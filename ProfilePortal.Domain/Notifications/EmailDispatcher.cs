using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ProfilePortal.Domain.Common;

namespace ProfilePortal.Domain.Notifications;

/// <summary>
/// Delivers the outbox. Each message is claimed with a lease before it is sent, so two app instances never
/// send it at the same time, and every step uses its own short-lived context, so a crash at any point
/// leaves the message either pending (sent again later) or sent (never sent again). The one window that
/// remains — the server accepted the message and the process died before the row said so — is closed for
/// receivers by the stable Message-Id the transport derives from <see cref="EmailMessage.Id"/>.
/// </summary>
public sealed partial class EmailDispatcher(
    IPortalDbContextFactory dbFactory,
    IEmailTransport transport,
    TimeProvider clock,
    EmailMetrics metrics,
    ILogger<EmailDispatcher> logger)
{
    /// <summary>How long a claim keeps other dispatchers away; well above the SMTP timeout.</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(5);

    /// <summary>Sends every message that is due now, <paramref name="batchSize"/> at a time.</summary>
    public async Task<EmailDispatchResult> DispatchDueAsync(int batchSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        var total = EmailDispatchResult.None;
        while (true)
        {
            var due = await FindDueAsync(batchSize, cancellationToken);
            var batch = EmailDispatchResult.None;
            foreach (var id in due)
            {
                cancellationToken.ThrowIfCancellationRequested();
                batch += await DispatchOneAsync(id, cancellationToken);
            }

            total += batch;

            // A short batch means the queue is drained; a batch whose every claim was lost means other
            // instances are working through the same rows, and looping would only race them.
            if (due.Count < batchSize || batch.Processed == 0)
            {
                return total;
            }
        }
    }

    private async Task<List<Guid>> FindDueAsync(int batchSize, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        return await db.EmailMessages
            .AsNoTracking()
            .Where(m => m.Status == EmailStatus.Pending && m.NextAttemptAt <= now && (m.LockedUntil == null || m.LockedUntil <= now))
            .OrderBy(m => m.NextAttemptAt)
            .Select(m => m.Id)
            .Take(batchSize)
            .ToListAsync(cancellationToken);
    }

    private async Task<EmailDispatchResult> DispatchOneAsync(Guid id, CancellationToken cancellationToken)
    {
        var (message, suppressed) = await ClaimAsync(id, cancellationToken);
        if (suppressed)
        {
            return EmailDispatchResult.OneSuppressed;
        }

        if (message is null)
        {
            return EmailDispatchResult.OneSkipped;
        }

        try
        {
            await transport.SendAsync(message, cancellationToken);
        }
        catch (EmailDeliveryException ex)
        {
            return await RecordFailureAsync(message, ex.Message, cancellationToken);
        }
#pragma warning disable CA1031 // A bug in one message's transport path must not wedge the whole queue.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogUnexpectedFailure(ex, message.Id);
            return await RecordFailureAsync(message, "Unexpected error while sending.", cancellationToken);
        }

        // On cancellation above, the claim is left to expire rather than released: the server may already
        // have accepted the message, and a lease that runs out only delays the retry.
        // Here it was accepted: record that even if the host is stopping, so it is not sent twice.
        await RecordSentAsync(message, CancellationToken.None);
        return EmailDispatchResult.OneSent;
    }

    private async Task<(EmailMessage? Message, bool Suppressed)> ClaimAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var message = await db.EmailMessages.SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        var now = clock.GetUtcNow();
        if (message is null || !message.IsDue(now))
        {
            return (null, false);
        }

        // Checked here, at the last moment, so an opt-out also stops the marketing mail queued before it.
        var suppress = message.IsMarketing && await MarketingPreferences.IsOptedOutAsync(db, message.ToAddress, cancellationToken);
        if (suppress)
        {
            message.Suppress(now);
        }
        else
        {
            message.Claim(now, ClaimLease);
        }

        try
        {
            // LockedUntil is the concurrency token: the UPDATE only matches while nobody claimed it meanwhile.
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            LogClaimLost(id);
            return (null, false);
        }

        if (suppress)
        {
            LogSuppressed(message.Id, message.Kind);
            return (null, true);
        }

        return (message, false);
    }

    private async Task RecordSentAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        if (await TrySaveOutcomeAsync(message, m => m.MarkSent(clock.GetUtcNow()), cancellationToken))
        {
            metrics.Sent(message.Kind);
            LogSent(message.Id, message.Kind, message.Attempts);
        }
    }

    private async Task<EmailDispatchResult> RecordFailureAsync(EmailMessage message, string error, CancellationToken cancellationToken)
    {
        // A lost outcome is not counted: the instance that claimed the message since owns its row and counts it.
        if (await TrySaveOutcomeAsync(message, m => m.MarkFailed(error, clock.GetUtcNow()), cancellationToken))
        {
            metrics.Failed(message.Kind, gaveUp: message.Status == EmailStatus.Failed);
        }

        if (message.Status == EmailStatus.Failed)
        {
            LogGaveUp(message.Id, message.Kind, message.Attempts, error);
            return EmailDispatchResult.OneFailed;
        }

        LogRetrying(message.Id, message.Kind, message.Attempts, message.NextAttemptAt, error);
        return EmailDispatchResult.OneRetrying;
    }

    // Applies the outcome of an attempt in a fresh context. Attached before the change, the entity still
    // carries the lease this dispatcher wrote, which becomes the concurrency check: if the lease ran out and
    // another instance claimed the message, that instance owns the row now and this outcome is dropped.
    private async Task<bool> TrySaveOutcomeAsync(EmailMessage message, Action<EmailMessage> outcome, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        db.EmailMessages.Attach(message);
        outcome(message);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            LogOutcomeLost(message.Id);
            return false;
        }
    }
}
