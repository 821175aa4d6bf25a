using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ProfilePortal.Domain.Audit;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Domain.Notifications;

namespace ProfilePortal.Domain.Admin;

/// <summary>
/// The admins' view of the email outbox: every message with its status, attempts and last error, filtered and
/// paged on the server, and a resend. Admins only, checked in the database on every call; a resend is audited
/// in the same save.
/// </summary>
public sealed partial class EmailOutboxAdmin(IPortalDbContextFactory dbFactory, TimeProvider clock, ILogger<EmailOutboxAdmin> logger)
{
    public const int MaxPageSize = 100;

    /// <summary>A page of messages matching <paramref name="filter"/>, in the order of <paramref name="sort"/>.</summary>
    public async Task<Result<EmailOutboxPage>> ListAsync(
        Guid adminId, EmailOutboxFilter filter, int page, int pageSize, EmailOutboxSort? sort = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (await SiteAdmins.RefuseNonAdminAsync(db, adminId, logger, "list the email outbox", cancellationToken) is { } denied)
        {
            return denied;
        }

        var query = db.EmailMessages.AsNoTracking();
        if (filter.Status is { } status)
        {
            query = query.Where(m => m.Status == status);
        }

        if (filter.RecipientPrefix?.Trim() is { Length: > 0 } prefix)
        {
            query = query.Where(m => m.ToAddress.StartsWith(prefix));
        }

        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        var total = await query.CountAsync(cancellationToken);
        var items = await Order(query, sort ?? new EmailOutboxSort())
            .Skip(Math.Max(page, 0) * pageSize)
            .Take(pageSize)
            .Select(m => new EmailOutboxRow(
                m.Id, m.CreatedAt, m.ToAddress, m.Kind, m.Subject, m.Status, m.Attempts, m.LastError, m.NextAttemptAt, m.SentAt, m.UnsubscribeUrl != null))
            .ToListAsync(cancellationToken);
        return new EmailOutboxPage(items, total);
    }

    /// <summary>
    /// Sends a message again: one that failed for good goes back to the queue as it is (fresh attempts, due now);
    /// a sent one is copied into a new message, so its own record stays. A suppressed message (marketing mail to
    /// someone who opted out) is refused, and so is one still queued.
    /// </summary>
    public async Task<Result<EmailResent>> ResendAsync(Guid adminId, Guid messageId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (await SiteAdmins.RefuseNonAdminAsync(db, adminId, logger, "resend an email", cancellationToken) is { } denied)
        {
            return denied;
        }

        var message = await db.EmailMessages.FirstOrDefaultAsync(m => m.Id == messageId, cancellationToken);
        if (message is null)
        {
            return EmailOutboxErrors.NotFound;
        }

        var now = clock.GetUtcNow();
        var before = message.Status;
        EmailResent resent;
        switch (message.Status)
        {
            case EmailStatus.Suppressed:
                return EmailOutboxErrors.Suppressed;
            case EmailStatus.Pending:
                return EmailOutboxErrors.StillQueued;
            case EmailStatus.Failed:
                message.Requeue(now);
                resent = new EmailResent(message.Id, Copied: false);
                break;
            case EmailStatus.Sent:
                var copy = message.CopyForResend(now);
                db.EmailMessages.Add(copy);
                resent = new EmailResent(copy.Id, Copied: true);
                break;
            default:
                throw new InvalidOperationException($"Unknown email status {message.Status}.");
        }

        db.AuditEntries.Add(AuditEntry.Record(
            adminId, "email.resent", "email_message", message.Id.ToString(), null,
            JsonSerializer.Serialize(new { Status = new { from = before.ToString(), to = nameof(EmailStatus.Pending) }, Queued = resent.QueuedMessageId, resent.Copied }),
            now));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A dispatcher took the message meanwhile (its lease is a concurrency token).
            return EmailOutboxErrors.Changed;
        }

        LogResent(logger, adminId, message.Id, resent.QueuedMessageId);
        return resent;
    }

    private static IQueryable<EmailMessage> Order(IQueryable<EmailMessage> query, EmailOutboxSort sort)
    {
        var ordered = (sort.Field, sort.Descending) switch
        {
            (EmailOutboxSortField.To, false) => query.OrderBy(m => m.ToAddress),
            (EmailOutboxSortField.To, true) => query.OrderByDescending(m => m.ToAddress),
            (EmailOutboxSortField.Status, false) => query.OrderBy(m => m.Status),
            (EmailOutboxSortField.Status, true) => query.OrderByDescending(m => m.Status),
            (EmailOutboxSortField.Attempts, false) => query.OrderBy(m => m.Attempts),
            (EmailOutboxSortField.Attempts, true) => query.OrderByDescending(m => m.Attempts),
            (EmailOutboxSortField.NextAttempt, false) => query.OrderBy(m => m.NextAttemptAt),
            (EmailOutboxSortField.NextAttempt, true) => query.OrderByDescending(m => m.NextAttemptAt),
            (EmailOutboxSortField.SentAt, false) => query.OrderBy(m => m.SentAt),
            (EmailOutboxSortField.SentAt, true) => query.OrderByDescending(m => m.SentAt),
            (_, false) => query.OrderBy(m => m.CreatedAt),
            (_, true) => query.OrderByDescending(m => m.CreatedAt),
        };

        // Version 7 ids follow creation, so equal keys keep a stable order across pages.
        return sort.Descending ? ordered.ThenByDescending(m => m.Id) : ordered.ThenBy(m => m.Id);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin {AdminId} resent email {MessageId} as {QueuedId}")]
    private static partial void LogResent(ILogger logger, Guid adminId, Guid messageId, Guid queuedId);
}
