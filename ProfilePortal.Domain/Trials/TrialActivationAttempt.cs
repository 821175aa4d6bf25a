namespace ProfilePortal.Domain.Trials;

/// <summary>How a trial activation attempt ended (ADR-016).</summary>
public enum TrialActivationOutcome
{
    /// <summary>The trial started; stored in the same save as the trial.</summary>
    Succeeded = 0,

    /// <summary>The customer was eligible and did not get the trial: no usable card, the card check declined or failed, a technical failure.</summary>
    Failed = 1,

    /// <summary>Antifraud refused it on purpose (a blocked account, address or card): kept for review, not a failed activation.</summary>
    Blocked = 2,
}

/// <summary>
/// One customer's attempt to start a trial that passed the eligibility checks the offer shows (billing manager,
/// trial unused, nothing paid running, in the rollout) and named a plan on sale, with how it ended. The
/// "trial activation success rate" of seed 002 §3 (the <c>trial_activation</c> alert rule) is read from these rows.
/// </summary>
public sealed class TrialActivationAttempt
{
    public const int ErrorCodeMaxLength = 64;

    /// <summary>The code of an attempt an unexpected exception ended (the exception goes on to the caller).</summary>
    public const string TechnicalFailureCode = "trial.technical_failure";

    private TrialActivationAttempt()
    {
    }

    public Guid Id { get; private set; }

    public Guid UserId { get; private set; }

    public Guid OrganizationId { get; private set; }

    public string PlanCode { get; private set; } = string.Empty;

    public DateTimeOffset AttemptedAt { get; private set; }

    public TrialActivationOutcome Outcome { get; private set; }

    /// <summary>The refusal's stable code (e.g. <c>billing.declined_funds</c>); null when the trial started.</summary>
    public string? ErrorCode { get; private set; }

    /// <summary>The address the attempt came from, as the trial ledger stores it.</summary>
    public string? IpAddress { get; private set; }

    public static TrialActivationAttempt Succeeded(Guid userId, Guid organizationId, string planCode, DateTimeOffset at, string? ipAddress) =>
        Create(userId, organizationId, planCode, at, TrialActivationOutcome.Succeeded, null, ipAddress);

    public static TrialActivationAttempt Failed(Guid userId, Guid organizationId, string planCode, DateTimeOffset at, string errorCode, string? ipAddress) =>
        Create(userId, organizationId, planCode, at, TrialActivationOutcome.Failed, errorCode, ipAddress);

    public static TrialActivationAttempt Blocked(Guid userId, Guid organizationId, string planCode, DateTimeOffset at, string errorCode, string? ipAddress) =>
        Create(userId, organizationId, planCode, at, TrialActivationOutcome.Blocked, errorCode, ipAddress);

    private static TrialActivationAttempt Create(
        Guid userId, Guid organizationId, string planCode, DateTimeOffset at, TrialActivationOutcome outcome, string? errorCode, string? ipAddress) => new()
        {
            Id = Guid.CreateVersion7(at),
            UserId = userId,
            OrganizationId = organizationId,
            PlanCode = planCode,
            AttemptedAt = at,
            Outcome = outcome,
            ErrorCode = errorCode is { Length: > ErrorCodeMaxLength } ? errorCode[..ErrorCodeMaxLength] : errorCode,
            IpAddress = ipAddress is { Length: > Trial.IpAddressMaxLength } ? ipAddress[..Trial.IpAddressMaxLength] : ipAddress,
        };
}
