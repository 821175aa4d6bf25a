namespace ProfilePortal.Domain.Fraud;

/// <summary>What a block refuses trials for.</summary>
public enum FraudBlockKind
{
    /// <summary>Trials started from this address.</summary>
    Ip = 0,

    /// <summary>Trials with this card fingerprint, on any account.</summary>
    Card = 1,

    /// <summary>
    /// Trials of an account: started by this user (the value is the user id) or for their organization (a trial is
    /// one per user already; the organization could otherwise start another through a newly invited member).
    /// </summary>
    Account = 2,
}

/// <summary>
/// An admin's rule that refuses further trials for an address, a card or an account. One per kind and value (a
/// unique index): blocking twice changes nothing. Unblocking deletes the row; the audit trail keeps both acts.
/// </summary>
public sealed class FraudBlock
{
    public const int ValueMaxLength = 128;
    public const int LabelMaxLength = 256;
    public const int ReasonMaxLength = FraudSignal.NoteMaxLength;

    private FraudBlock()
    {
    }

    public Guid Id { get; private set; }

    public FraudBlockKind Kind { get; private set; }

    /// <summary>The address, the card fingerprint, or the user id ("D" format), as the trial ledger stores them.</summary>
    public string Value { get; private set; } = string.Empty;

    /// <summary>For an account block: the organization whose trials it refuses too.</summary>
    public Guid? OrganizationId { get; private set; }

    /// <summary>What admins recognise the value by: the account's email, the card's brand and last digits.</summary>
    public string? Label { get; private set; }

    /// <summary>The admin's note, if they wrote one; the signal says the rest.</summary>
    public string? Reason { get; private set; }

    /// <summary>The signal the block was made from.</summary>
    public Guid? SignalId { get; private set; }

    public Guid CreatedByUserId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Blocks trials from an address or with a card.</summary>
    public static FraudBlock Key(FraudBlockKind kind, string value, string? label, string? reason, Guid signalId, Guid adminId, DateTimeOffset now)
    {
        if (kind == FraudBlockKind.Account)
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "An account is blocked with Account().");
        }

        return Create(kind, value, null, label, reason, signalId, adminId, now);
    }

    /// <summary>Blocks trials of a user and of their organization.</summary>
    public static FraudBlock Account(Guid userId, Guid organizationId, string? email, string? reason, Guid signalId, Guid adminId, DateTimeOffset now) =>
        Create(FraudBlockKind.Account, AccountValue(userId), organizationId, email, reason, signalId, adminId, now);

    private static FraudBlock Create(
        FraudBlockKind kind, string value, Guid? organizationId, string? label, string? reason, Guid? signalId, Guid adminId, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        return new FraudBlock
        {
            Id = Guid.CreateVersion7(now),
            Kind = kind,
            Value = FraudSignal.Clip(value, ValueMaxLength),
            OrganizationId = organizationId,
            Label = label is null ? null : FraudSignal.Clip(label, LabelMaxLength),
            Reason = string.IsNullOrWhiteSpace(reason) ? null : FraudSignal.Clip(reason.Trim(), ReasonMaxLength),
            SignalId = signalId,
            CreatedByUserId = adminId,
            CreatedAt = now,
        };
    }

    /// <summary>How an account block stores its user.</summary>
    public static string AccountValue(Guid userId) => userId.ToString("D");
}
