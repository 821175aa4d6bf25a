using ProfilePortal.Domain.Common;

namespace ProfilePortal.Domain.Fraud;

/// <summary>Which antifraud rule a signal comes from.</summary>
public enum FraudSignalKind
{
    /// <summary>More trials from one address within a day than <see cref="FraudOptions.MaxTrialsPerIpPerDay"/>.</summary>
    IpVelocity = 0,

    /// <summary>One card fingerprint on more accounts than <see cref="FraudOptions.MaxAccountsPerCard"/>.</summary>
    SharedCard = 1,
}

/// <summary>Where a signal stands in the admins' review.</summary>
public enum FraudSignalStatus
{
    /// <summary>Waiting for an admin; more trials under the same rule and key join it.</summary>
    Open = 0,

    /// <summary>An admin found nothing wrong.</summary>
    Dismissed = 1,

    /// <summary>An admin blocked further trials for its address, card or accounts.</summary>
    Blocked = 2,
}

/// <summary>
/// A suspicion for the admins' review queue: trials that broke an antifraud rule under one key (an address or a
/// card fingerprint). There is at most one open signal per rule and key (a filtered unique index): later trials
/// join it as <see cref="FraudSignalAccount"/> rows instead of raising another one, so the queue shows one line
/// per abuser however many accounts they make. Trials only ever insert those rows and never update this one,
/// so its <see cref="Version"/> guards the admins' review alone and a review never makes a trial fail.
/// </summary>
public sealed class FraudSignal : IVersioned
{
    public const int KeyMaxLength = 128;
    public const int NoteMaxLength = 1000;

    private readonly List<FraudSignalAccount> _accounts = [];

    private FraudSignal()
    {
    }

    public Guid Id { get; private set; }

    public FraudSignalKind Kind { get; private set; }

    /// <summary>The address (<see cref="FraudSignalKind.IpVelocity"/>) or the card fingerprint (<see cref="FraudSignalKind.SharedCard"/>).</summary>
    public string Key { get; private set; } = string.Empty;

    public FraudSignalStatus Status { get; private set; }

    /// <summary>When the rule fired.</summary>
    public DateTimeOffset RaisedAt { get; private set; }

    /// <summary>The start of the earliest trial the signal lists.</summary>
    public DateTimeOffset FirstSeenAt { get; private set; }

    public Guid? ReviewedByUserId { get; private set; }

    public DateTimeOffset? ReviewedAt { get; private set; }

    /// <summary>The reviewing admin's note: why it was dismissed or blocked.</summary>
    public string? Note { get; private set; }

    /// <summary>The accounts whose trials broke the rule; their number is the signal's count.</summary>
    public IReadOnlyCollection<FraudSignalAccount> Accounts => _accounts;

    public Guid Version { get; set; }

    public bool IsOpen => Status == FraudSignalStatus.Open;

    /// <summary>Opens a signal listing the trials that broke the rule together.</summary>
    public static FraudSignal Raise(FraudSignalKind kind, string key, IReadOnlyCollection<FraudEvidence> trials, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        if (trials.Count == 0)
        {
            throw new ArgumentException("A signal lists at least one trial.", nameof(trials));
        }

        var signal = new FraudSignal
        {
            Id = Guid.CreateVersion7(now),
            Kind = kind,
            Key = key,
            Status = FraudSignalStatus.Open,
            RaisedAt = now,
            FirstSeenAt = trials.Min(t => t.StartedAt),
        };
        signal._accounts.AddRange(trials.Select(t => FraudSignalAccount.Of(signal.Id, t)));
        return signal;
    }

    /// <summary>Closes an open signal as a false alarm.</summary>
    public void Dismiss(Guid adminId, string note, DateTimeOffset now)
    {
        if (!IsOpen)
        {
            throw new InvalidOperationException($"Fraud signal {Id} is already {Status}.");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(note);
        Review(FraudSignalStatus.Dismissed, adminId, note, now);
    }

    /// <summary>
    /// Records that an admin blocked further trials from it. A dismissed or blocked signal can be blocked again:
    /// an admin may change their mind, or block one more account later.
    /// </summary>
    public void Block(Guid adminId, string? note, DateTimeOffset now) => Review(FraudSignalStatus.Blocked, adminId, note, now);

    // The note explains the signal's current status: a new one replaces it; without one, a block added to a blocked
    // signal keeps the earlier note, while a change of status (a dismissal overruled by a block) drops it.
    private void Review(FraudSignalStatus status, Guid adminId, string? note, DateTimeOffset now)
    {
        Note = !string.IsNullOrWhiteSpace(note) ? Clip(note.Trim(), NoteMaxLength) : status == Status ? Note : null;
        Status = status;
        ReviewedByUserId = adminId;
        ReviewedAt = now;
    }

    internal static string Clip(string text, int length) => text.Length <= length ? text : text[..length];
}

/// <summary>One trial a signal lists: the account (user and organization) that started it, and when.</summary>
public sealed class FraudSignalAccount
{
    public const int EmailMaxLength = 256;

    private FraudSignalAccount()
    {
    }

    public Guid SignalId { get; private set; }

    public Guid UserId { get; private set; }

    public Guid OrganizationId { get; private set; }

    /// <summary>The user's address when the trial started: kept, so the evidence reads the same after a change or a deletion.</summary>
    public string Email { get; private set; } = string.Empty;

    public Guid TrialId { get; private set; }

    public DateTimeOffset StartedAt { get; private set; }

    internal static FraudSignalAccount Of(Guid signalId, FraudEvidence trial) => new()
    {
        SignalId = signalId,
        UserId = trial.UserId,
        OrganizationId = trial.OrganizationId,
        Email = FraudSignal.Clip(trial.Email, EmailMaxLength),
        TrialId = trial.TrialId,
        StartedAt = trial.StartedAt,
    };
}

/// <summary>A trial as a signal records it.</summary>
public sealed record FraudEvidence(Guid TrialId, Guid UserId, Guid OrganizationId, string Email, DateTimeOffset StartedAt);
