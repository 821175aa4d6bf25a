namespace ProfilePortal.Domain.Fraud;

/// <summary>One page of a list, with the number of rows in the whole list.</summary>
public sealed record FraudPage<T>(IReadOnlyList<T> Items, int Total);

/// <summary>A signal as the review queue shows it.</summary>
/// <param name="CardLabel">For a shared card: the card's brand and last digits, when a saved card has that fingerprint.</param>
/// <param name="KeyBlocked">Whether trials from the signal's address or card are blocked now.</param>
/// <param name="ReviewedBy">The reviewing admin's email.</param>
public sealed record FraudSignalView(
    Guid Id,
    FraudSignalKind Kind,
    string Key,
    string? CardLabel,
    FraudSignalStatus Status,
    DateTimeOffset RaisedAt,
    DateTimeOffset FirstSeenAt,
    DateTimeOffset LastSeenAt,
    IReadOnlyList<FraudAccountView> Accounts,
    bool KeyBlocked,
    string? ReviewedBy,
    DateTimeOffset? ReviewedAt,
    string? Note)
{
    /// <summary>The trials the signal lists: one per account, since a user has one trial.</summary>
    public int Count => Accounts.Count;
}

/// <summary>An account a signal lists, and whether its trials are blocked now.</summary>
public sealed record FraudAccountView(Guid UserId, Guid OrganizationId, string Email, DateTimeOffset StartedAt, bool Blocked);

/// <summary>A block as the admin pages show it.</summary>
/// <param name="Label">The account's email or the card's brand and last digits, when known.</param>
/// <param name="SignalKind">The rule of the signal the block was made from.</param>
public sealed record FraudBlockView(
    Guid Id, FraudBlockKind Kind, string Value, string? Label, string? Reason, FraudSignalKind? SignalKind, string? CreatedBy, DateTimeOffset CreatedAt);

/// <summary>What an admin blocks from a signal: its address or card (<paramref name="Key"/>), and some of its accounts.</summary>
public sealed record FraudBlockRequest(bool Key, IReadOnlyCollection<Guid> Accounts, string? Note);
