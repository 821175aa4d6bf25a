using ProfilePortal.Domain.Notifications;

namespace ProfilePortal.Domain.Admin;

/// <summary>What the outbox list is narrowed to: one status, and addresses starting with <paramref name="RecipientPrefix"/>.</summary>
public sealed record EmailOutboxFilter(EmailStatus? Status = null, string? RecipientPrefix = null);

/// <summary>The columns the outbox list can be ordered by.</summary>
public enum EmailOutboxSortField
{
    Created = 0,
    To = 1,
    Status = 2,
    Attempts = 3,
    NextAttempt = 4,
    SentAt = 5,
}

/// <summary>The order of the outbox list; newest first unless the admin picks another.</summary>
public sealed record EmailOutboxSort(EmailOutboxSortField Field = EmailOutboxSortField.Created, bool Descending = true);

/// <summary>A message as the outbox list shows it (no bodies).</summary>
/// <param name="Marketing">Marketing mail, which an opted-out recipient never gets.</param>
public sealed record EmailOutboxRow(
    Guid Id,
    DateTimeOffset CreatedAt,
    string To,
    string Kind,
    string Subject,
    EmailStatus Status,
    int Attempts,
    string? LastError,
    DateTimeOffset NextAttemptAt,
    DateTimeOffset? SentAt,
    bool Marketing)
{
    /// <summary>Whether an admin may send it again: failed for good, or sent (as a copy).</summary>
    public bool CanResend => Status is EmailStatus.Failed or EmailStatus.Sent;
}

/// <summary>One page of the outbox, with the number of messages the filter matches.</summary>
public sealed record EmailOutboxPage(IReadOnlyList<EmailOutboxRow> Items, int Total);

/// <summary>How a resend was done: the message queued (the same one when it had failed, a copy when it had been sent).</summary>
public sealed record EmailResent(Guid QueuedMessageId, bool Copied);
