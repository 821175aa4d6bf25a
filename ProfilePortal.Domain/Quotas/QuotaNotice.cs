namespace ProfilePortal.Domain.Quotas;

/// <summary>
/// A low-quota email one member was sent: at most one per organization, member, quota period and level. The
/// unique index on those four makes a second sweep, a late one or one on another node queue nothing twice.
/// Stored in the same save as the outbox message it records.
/// </summary>
public sealed class QuotaNotice
{
    private QuotaNotice()
    {
    }

    public Guid Id { get; private set; }

    public Guid OrganizationId { get; private set; }

    public Guid UserId { get; private set; }

    /// <summary>The start of the quota period the notice is about.</summary>
    public DateTimeOffset PeriodStart { get; private set; }

    /// <summary><see cref="QuotaLevel.Low"/> or <see cref="QuotaLevel.Exhausted"/>.</summary>
    public QuotaLevel Level { get; private set; }

    /// <summary>What the email said: launches used of the limit when it was queued.</summary>
    public int Used { get; private set; }

    public int Limit { get; private set; }

    /// <summary>The outbox message that carries it.</summary>
    public Guid EmailMessageId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static QuotaNotice Record(Guid organizationId, Guid userId, QuotaSnapshot quota, Guid emailMessageId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(quota);
        if (quota.Level == QuotaLevel.Ok)
        {
            throw new ArgumentException("Only a low or exhausted quota is notified.", nameof(quota));
        }

        return new QuotaNotice
        {
            Id = Guid.CreateVersion7(now),
            OrganizationId = organizationId,
            UserId = userId,
            PeriodStart = quota.PeriodStart,
            Level = quota.Level,
            Used = quota.Used,
            Limit = quota.Limit,
            EmailMessageId = emailMessageId,
            CreatedAt = now,
        };
    }
}
