namespace ProfilePortal.Domain.Retention;

/// <summary>Which cancellation flow a customer went through.</summary>
public enum CancellationFlow
{
    /// <summary>Reason → offer → confirmation (seed 002 phase C).</summary>
    Full = 0,

    /// <summary>"Cancel → Confirm" while <c>SimpleCancellation</c> is on: no reason asked, no offer made.</summary>
    Simple = 1,
}

/// <summary>Where a cancellation flow ended.</summary>
public enum CancellationOutcome
{
    /// <summary>A reason was given; the customer has not decided yet.</summary>
    Open = 0,

    /// <summary>The customer confirmed: the subscription ends at the period end.</summary>
    Cancelled = 1,

    /// <summary>The customer accepted the offer shown: nothing was cancelled.</summary>
    Saved = 2,

    /// <summary>The customer started again (another tab, the back button) and this flow was left behind.</summary>
    Abandoned = 3,
}

/// <summary>
/// One pass through the cancellation flow: the reason given, the one offer shown (and its exact terms, so only
/// that offer can be accepted), and the outcome. Its id is the flow's handle between the steps; every step
/// checks it against the acting user, the organization and the outcome, so a step out of order or an offer that
/// was not shown changes nothing. The rows are also the data of the save rate (docs/retention.md).
/// </summary>
public sealed class CancellationFeedback : Common.IVersioned
{
    public const int OtherTextMaxLength = 500;

    private CancellationFeedback()
    {
    }

    public Guid Id { get; private set; }

    public Guid UserId { get; private set; }

    public Guid OrganizationId { get; private set; }

    public Guid SubscriptionId { get; private set; }

    /// <summary>The plan being cancelled.</summary>
    public string PlanCode { get; private set; } = string.Empty;

    public CancellationFlow Flow { get; private set; }

    /// <summary>The reason given; null in the simple flow, which does not ask.</summary>
    public CancellationReason? Reason { get; private set; }

    /// <summary>The customer's own words: required for <see cref="CancellationReason.Other"/>, optional otherwise.</summary>
    public string? OtherText { get; private set; }

    /// <summary>The offer shown, or null when none fitted the reason and the customer's eligibility.</summary>
    public SaveOfferKind? OfferKind { get; private set; }

    /// <summary>The discount shown, in percent.</summary>
    public int? OfferPercent { get; private set; }

    /// <summary>For how many periods the discount shown applies.</summary>
    public int? OfferPeriods { get; private set; }

    /// <summary>The pause lengths shown, in months, comma-separated (e.g. <c>1,2,3</c>).</summary>
    public string? OfferPauseMonths { get; private set; }

    /// <summary>The longer plan shown.</summary>
    public string? OfferPlanCode { get; private set; }

    public CancellationOutcome Outcome { get; private set; }

    /// <summary>The pause length chosen when a pause was accepted.</summary>
    public int? AcceptedPauseMonths { get; private set; }

    public DateTimeOffset StartedAt { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public Guid Version { get; set; }

    /// <summary>Whether the customer accepted the offer (the flow ended without cancelling).</summary>
    public bool IsSaved => Outcome == CancellationOutcome.Saved;

    /// <summary>The pause lengths shown, parsed; empty unless a pause was offered.</summary>
    public IReadOnlyList<int> ShownPauseMonths => OfferPauseMonths is null
        ? []
        : [.. OfferPauseMonths.Split(',').Select(m => int.Parse(m, System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>
    /// The customer gave <paramref name="reason"/> (and, for "other", their words) and was shown
    /// <paramref name="offer"/>, or none.
    /// </summary>
    public static CancellationFeedback Begin(
        Guid userId, Guid organizationId, Guid subscriptionId, string planCode, CancellationReason reason, string? otherText, SaveOffer? offer, DateTimeOffset now)
    {
        if (!Enum.IsDefined(reason))
        {
            throw new ArgumentOutOfRangeException(nameof(reason), reason, "Unknown cancellation reason.");
        }

        var feedback = New(userId, organizationId, subscriptionId, planCode, CancellationFlow.Full, now);
        feedback.Reason = reason;
        feedback.OtherText = string.IsNullOrWhiteSpace(otherText) ? null : otherText.Trim();
        switch (offer)
        {
            case SaveOffer.Discount discount:
                feedback.OfferPercent = discount.Percent;
                feedback.OfferPeriods = discount.Periods;
                break;
            case SaveOffer.Pause pause:
                feedback.OfferPauseMonths = string.Join(',', pause.Months);
                break;
            case SaveOffer.LongerPlan plan:
                feedback.OfferPlanCode = plan.PlanCode;
                break;
        }

        feedback.OfferKind = offer?.Kind;
        return feedback;
    }

    /// <summary>A cancellation through the simple flow: no reason, no offer, cancelled at once.</summary>
    public static CancellationFeedback CancelledSimply(Guid userId, Guid organizationId, Guid subscriptionId, string planCode, DateTimeOffset now)
    {
        var feedback = New(userId, organizationId, subscriptionId, planCode, CancellationFlow.Simple, now);
        feedback.Outcome = CancellationOutcome.Cancelled;
        feedback.DecidedAt = now;
        return feedback;
    }

    /// <summary>Whether <paramref name="kind"/> (and, for a pause, <paramref name="pauseMonths"/>) is the offer that was shown.</summary>
    public bool Showed(SaveOfferKind kind, int? pauseMonths) => OfferKind == kind && (kind == SaveOfferKind.Pause
        ? pauseMonths is { } months && ShownPauseMonths.Contains(months)
        : pauseMonths is null);

    /// <summary>The customer accepted the offer shown; for a pause, with the length chosen.</summary>
    public void AcceptOffer(SaveOfferKind kind, int? pauseMonths, DateTimeOffset now)
    {
        EnsureOpen();
        if (!Showed(kind, pauseMonths))
        {
            throw new InvalidOperationException($"Flow {Id} did not show the offer {kind} ({pauseMonths}).");
        }

        Outcome = CancellationOutcome.Saved;
        AcceptedPauseMonths = kind == SaveOfferKind.Pause ? pauseMonths : null;
        DecidedAt = now;
    }

    /// <summary>The customer confirmed the cancellation.</summary>
    public void Confirm(DateTimeOffset now)
    {
        EnsureOpen();
        Outcome = CancellationOutcome.Cancelled;
        DecidedAt = now;
    }

    /// <summary>A newer flow of the same subscription replaced this one before it was decided.</summary>
    public void Abandon(DateTimeOffset now)
    {
        EnsureOpen();
        Outcome = CancellationOutcome.Abandoned;
        DecidedAt = now;
    }

    private void EnsureOpen()
    {
        if (Outcome != CancellationOutcome.Open)
        {
            throw new InvalidOperationException($"Cancellation flow {Id} already ended ({Outcome}).");
        }
    }

    private static CancellationFeedback New(Guid userId, Guid organizationId, Guid subscriptionId, string planCode, CancellationFlow flow, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        UserId = userId,
        OrganizationId = organizationId,
        SubscriptionId = subscriptionId,
        PlanCode = planCode,
        Flow = flow,
        StartedAt = now,
    };
}
