namespace ProfilePortal.Domain.Notifications;

/// <summary>
/// One email in the outbox. Written in the same operation as the change that causes it, delivered later by
/// the dispatcher, so a down SMTP server delays mail but never loses it.
/// </summary>
public sealed class EmailMessage
{
    public const int MaxAttempts = 10;

    private EmailMessage()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The template that produced it, e.g. "confirm-email"; for the admin outbox and metrics.</summary>
    public string Kind { get; private set; } = string.Empty;

    public string ToAddress { get; private set; } = string.Empty;

    public string Language { get; private set; } = string.Empty;

    public string Subject { get; private set; } = string.Empty;

    public string HtmlBody { get; private set; } = string.Empty;

    public string TextBody { get; private set; } = string.Empty;

    /// <summary>For marketing mail: the one-click unsubscribe URL sent as <c>List-Unsubscribe</c>.</summary>
    public string? UnsubscribeUrl { get; private set; }

    public EmailStatus Status { get; private set; }

    public int Attempts { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset NextAttemptAt { get; private set; }

    /// <summary>Until when a dispatcher owns the message; another node skips it meanwhile.</summary>
    public DateTimeOffset? LockedUntil { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }

    public string? LastError { get; private set; }

    public static EmailMessage Queue(string kind, string toAddress, string language, RenderedEmail content, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(toAddress);
        return new EmailMessage
        {
            Id = Guid.CreateVersion7(now),
            Kind = kind,
            ToAddress = toAddress,
            Language = language,
            Subject = content.Subject,
            HtmlBody = content.HtmlBody,
            TextBody = content.TextBody,
            UnsubscribeUrl = content.UnsubscribeUrl,
            Status = EmailStatus.Pending,
            CreatedAt = now,
            NextAttemptAt = now,
        };
    }

    public bool IsDue(DateTimeOffset now) =>
        Status == EmailStatus.Pending && NextAttemptAt <= now && (LockedUntil is null || LockedUntil <= now);

    /// <summary>Takes the message for one delivery attempt.</summary>
    public void Claim(DateTimeOffset now, TimeSpan lease)
    {
        if (!IsDue(now))
        {
            throw new InvalidOperationException("Only a due message can be claimed.");
        }

        LockedUntil = now + lease;
    }

    public void MarkSent(DateTimeOffset now)
    {
        Status = EmailStatus.Sent;
        SentAt = now;
        LockedUntil = null;
        LastError = null;
        Attempts++;
    }

    /// <summary>Marketing mail only.</summary>
    public bool IsMarketing => UnsubscribeUrl is not null;

    /// <summary>Drops a pending marketing message whose recipient opted out; it is never sent.</summary>
    public void Suppress(DateTimeOffset now)
    {
        if (Status != EmailStatus.Pending || !IsMarketing)
        {
            throw new InvalidOperationException("Only a pending marketing message can be suppressed.");
        }

        Status = EmailStatus.Suppressed;
        LockedUntil = null;
        LastError = $"Recipient opted out of marketing email ({now:O}).";
    }

    /// <summary>Records a failed attempt and schedules the next one with exponential back-off.</summary>
    public void MarkFailed(string error, DateTimeOffset now)
    {
        Attempts++;
        LockedUntil = null;
        LastError = error.Length <= 500 ? error : error[..500];
        if (Attempts >= MaxAttempts)
        {
            Status = EmailStatus.Failed;
            return;
        }

        NextAttemptAt = now + RetryDelay(Attempts);
    }

    /// <summary>
    /// An admin's resend of a message that failed for good: the same row goes back to the queue with a fresh
    /// set of attempts, due now; the last error stays until the next attempt replaces or clears it.
    /// </summary>
    public void Requeue(DateTimeOffset now)
    {
        if (Status != EmailStatus.Failed)
        {
            throw new InvalidOperationException("Only a message that failed for good can be queued again.");
        }

        Status = EmailStatus.Pending;
        Attempts = 0;
        NextAttemptAt = now;
        LockedUntil = null;
    }

    /// <summary>
    /// An admin's resend of a message that was sent: a new message with the same content, so the sent one
    /// keeps its record (a sent message is never sent again).
    /// </summary>
    public EmailMessage CopyForResend(DateTimeOffset now)
    {
        if (Status != EmailStatus.Sent)
        {
            throw new InvalidOperationException("Only a sent message is copied to be sent again.");
        }

        return new EmailMessage
        {
            Id = Guid.CreateVersion7(now),
            Kind = Kind,
            ToAddress = ToAddress,
            Language = Language,
            Subject = Subject,
            HtmlBody = HtmlBody,
            TextBody = TextBody,
            UnsubscribeUrl = UnsubscribeUrl,
            Status = EmailStatus.Pending,
            CreatedAt = now,
            NextAttemptAt = now,
        };
    }

    /// <summary>30 s, 1 min, 2 min, … doubling, at most 1 hour.</summary>
    public static TimeSpan RetryDelay(int attempts)
    {
        var seconds = 30 * Math.Pow(2, Math.Max(0, attempts - 1));
        return TimeSpan.FromSeconds(Math.Min(seconds, TimeSpan.FromHours(1).TotalSeconds));
    }
}
