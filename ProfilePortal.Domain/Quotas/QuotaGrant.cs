namespace ProfilePortal.Domain.Quotas;

/// <summary>Extra launches for one quota period: an admin's extension or a purchased pack.</summary>
public sealed class QuotaGrant
{
    public const int ReasonMaxLength = 500;

    private QuotaGrant()
    {
    }

    public Guid Id { get; private set; }

    public Guid OrganizationId { get; private set; }

    public QuotaGrantSource Source { get; private set; }

    public int Launches { get; private set; }

    public string Reason { get; private set; } = string.Empty;

    /// <summary>The pack's code when <see cref="Source"/> is a pack.</summary>
    public string? PackCode { get; private set; }

    public Guid? GrantedByUserId { get; private set; }

    public DateTimeOffset GrantedAt { get; private set; }

    /// <summary>The period the launches belong to; they do not roll over.</summary>
    public DateTimeOffset PeriodStart { get; private set; }

    public DateTimeOffset PeriodEnd { get; private set; }

    public static QuotaGrant ByAdmin(Guid organizationId, int launches, string reason, Guid adminId, QuotaPeriod period, DateTimeOffset now) =>
        Create(organizationId, QuotaGrantSource.Admin, launches, reason, packCode: null, adminId, period, now);

    public static QuotaGrant FromPack(Guid organizationId, string packCode, int launches, Guid buyerId, QuotaPeriod period, DateTimeOffset now) =>
        Create(organizationId, QuotaGrantSource.Pack, launches, $"Pack {packCode}", packCode, buyerId, period, now);

    /// <summary>The launches an account had left in the old single-user system, given once when it was imported.</summary>
    public static QuotaGrant FromLegacyImport(Guid organizationId, int launches, QuotaPeriod period, DateTimeOffset now) =>
        Create(organizationId, QuotaGrantSource.Admin, launches, "Legacy import", packCode: null, by: null, period, now);

    private static QuotaGrant Create(
        Guid organizationId, QuotaGrantSource source, int launches, string reason, string? packCode, Guid? by, QuotaPeriod period, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(launches);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new QuotaGrant
        {
            Id = Guid.CreateVersion7(now),
            OrganizationId = organizationId,
            Source = source,
            Launches = launches,
            Reason = reason.Length <= ReasonMaxLength ? reason.Trim() : reason.Trim()[..ReasonMaxLength],
            PackCode = packCode,
            GrantedByUserId = by,
            GrantedAt = now,
            PeriodStart = period.Start,
            PeriodEnd = period.End,
        };
    }
}
