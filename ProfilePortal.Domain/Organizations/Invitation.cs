using ProfilePortal.Domain.Common;

namespace ProfilePortal.Domain.Organizations;

/// <summary>Where an invitation stands at a given instant.</summary>
public enum InvitationStatus
{
    Pending = 0,
    Accepted = 1,
    Revoked = 2,
    Expired = 3,
}

/// <summary>
/// An invitation of an email address into an organization with a role. Only the SHA-256 hash of the link's token is
/// stored (<see cref="InvitationTokens"/>), so a copy of the database cannot be used to join. Accepted or revoked
/// once, never both; an expired one can no longer be accepted.
/// </summary>
public sealed class Invitation : IVersioned
{
    public const int EmailMaxLength = 256;

    private Invitation()
    {
    }

    public Guid Id { get; private set; }

    public Guid OrganizationId { get; private set; }

    /// <summary>The address as the inviter typed it (trimmed).</summary>
    public string Email { get; private set; } = string.Empty;

    /// <summary>Upper-case <see cref="Email"/>, as Identity normalizes addresses: what sign-in and duplicates compare.</summary>
    public string NormalizedEmail { get; private set; } = string.Empty;

    /// <summary>The role the invitee gets: Admin or Member (Owner is only ever transferred).</summary>
    public OrganizationRole Role { get; private set; }

    /// <summary>Lower-case hex SHA-256 of the token in the link.</summary>
    public string TokenHash { get; private set; } = string.Empty;

    public Guid InvitedByUserId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? AcceptedAt { get; private set; }

    public Guid? AcceptedByUserId { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public Guid? RevokedByUserId { get; private set; }

    public Guid Version { get; set; }

    public Organization? Organization { get; private set; }

    public InvitationStatus StatusAt(DateTimeOffset now) =>
        AcceptedAt is not null ? InvitationStatus.Accepted
        : RevokedAt is not null ? InvitationStatus.Revoked
        : now >= ExpiresAt ? InvitationStatus.Expired
        : InvitationStatus.Pending;

    public static Invitation Create(
        Guid organizationId, string email, OrganizationRole role, string tokenHash, Guid invitedBy, DateTimeOffset now, TimeSpan lifetime) => new()
        {
            Id = Guid.CreateVersion7(now),
            OrganizationId = organizationId,
            Email = email.Trim(),
            NormalizedEmail = Normalize(email),
            Role = role,
            TokenHash = tokenHash,
            InvitedByUserId = invitedBy,
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        };

    /// <summary>The comparison key of an address, the same as Identity's default normalizer.</summary>
    public static string Normalize(string email) => email.Trim().ToUpperInvariant();

    internal void Accept(Guid userId, DateTimeOffset now)
    {
        AcceptedAt = now;
        AcceptedByUserId = userId;
    }

    internal void Revoke(Guid userId, DateTimeOffset now)
    {
        RevokedAt = now;
        RevokedByUserId = userId;
    }
}
