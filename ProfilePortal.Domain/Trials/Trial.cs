namespace ProfilePortal.Domain.Trials;

/// <summary>How a trial ended, or that it still runs.</summary>
public enum TrialOutcome
{
    Running = 0,

    /// <summary>The conversion charge succeeded: a paying customer.</summary>
    Converted = 1,

    /// <summary>The customer cancelled before the end: nothing was charged.</summary>
    Cancelled = 2,

    /// <summary>The conversion was declined and the grace period ran out: back on Free.</summary>
    Expired = 3,
}

/// <summary>
/// The ledger of trials: one row per user for ever (the unique user id is the database's guarantee of "one trial
/// per user", whatever two parallel clicks do), with what antifraud and the rollout's criteria need: where it
/// came from (IP, card fingerprint) and how it ended.
/// </summary>
public sealed class Trial : Common.IVersioned
{
    public const int IpAddressMaxLength = 45;

    private Trial()
    {
    }

    public Guid Id { get; private set; }

    public Guid UserId { get; private set; }

    public Guid OrganizationId { get; private set; }

    public Guid SubscriptionId { get; private set; }

    public string PlanCode { get; private set; } = string.Empty;

    public DateTimeOffset StartedAt { get; private set; }

    public DateTimeOffset EndsAt { get; private set; }

    /// <summary>The address the trial was started from, for the "trials per IP per day" rule.</summary>
    public string? IpAddress { get; private set; }

    /// <summary>The card's fingerprint, for the "one card on several accounts" rule.</summary>
    public string? CardFingerprint { get; private set; }

    public TrialOutcome Outcome { get; private set; }

    public DateTimeOffset? OutcomeAt { get; private set; }

    public Guid Version { get; set; }

    public static Trial Start(
        Guid userId, Guid organizationId, Guid subscriptionId, string planCode, DateTimeOffset startedAt, DateTimeOffset endsAt,
        string? ipAddress, string? cardFingerprint) => new()
        {
            Id = Guid.CreateVersion7(startedAt),
            UserId = userId,
            OrganizationId = organizationId,
            SubscriptionId = subscriptionId,
            PlanCode = planCode,
            StartedAt = startedAt,
            EndsAt = endsAt,
            IpAddress = ipAddress is { Length: > IpAddressMaxLength } ? ipAddress[..IpAddressMaxLength] : ipAddress,
            CardFingerprint = cardFingerprint,
            Outcome = TrialOutcome.Running,
        };

    /// <summary>Records how the trial ended; a trial ends once.</summary>
    public void End(TrialOutcome outcome, DateTimeOffset at)
    {
        if (outcome == TrialOutcome.Running)
        {
            throw new ArgumentOutOfRangeException(nameof(outcome), "A trial ends with an outcome.");
        }

        if (Outcome != TrialOutcome.Running)
        {
            throw new InvalidOperationException($"Trial {Id} already ended as {Outcome}.");
        }

        Outcome = outcome;
        OutcomeAt = at;
    }
}
