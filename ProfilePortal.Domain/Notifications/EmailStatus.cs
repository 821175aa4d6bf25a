namespace ProfilePortal.Domain.Notifications;

public enum EmailStatus
{
    /// <summary>Waiting for the dispatcher, for the first time or after a failed attempt.</summary>
    Pending = 0,

    /// <summary>Accepted by the SMTP server. Never sent again.</summary>
    Sent = 1,

    /// <summary>Gave up after the last allowed attempt; an admin can see why.</summary>
    Failed = 2,

    /// <summary>Marketing mail to someone who opted out (after it was queued): never sent.</summary>
    Suppressed = 3,
}
