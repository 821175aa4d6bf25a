using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Common;

namespace ProfilePortal.Domain.Retention;

/// <summary>
/// One cancellation that qualifies for win-back emails (seed 002 D03/D04): written in the same save as the
/// cancellation, then advanced by the sweep. Step 1 falls due a first delay after access ends, step 2 a second
/// delay after it; each is recorded in the same save as its email, and the version makes a second sweep that
/// read the same row save nothing, so no step goes out twice.
/// </summary>
public sealed class WinBack : IVersioned
{
    private WinBack()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The person who cancelled; the emails go to them.</summary>
    public Guid UserId { get; private set; }

    public Guid OrganizationId { get; private set; }

    public Guid SubscriptionId { get; private set; }

    public WinBackKind Kind { get; private set; }

    /// <summary>When the cancelled trial or period ends; the delays count from here.</summary>
    public DateTimeOffset AccessEndsAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? Step1SentAt { get; private set; }

    public DateTimeOffset? Step2SentAt { get; private set; }

    /// <summary>When the organization bought a plan after a win-back email.</summary>
    public DateTimeOffset? ConvertedAt { get; private set; }

    /// <summary>When the sweep stopped looking at it; null while a step may still fall due.</summary>
    public DateTimeOffset? ClosedAt { get; private set; }

    public WinBackClosure? Closure { get; private set; }

    public Guid Version { get; set; }

    /// <summary>Whether any email of it went out.</summary>
    public bool WasSent => Step1SentAt is not null || Step2SentAt is not null;

    public static WinBack Stage(Guid userId, Guid organizationId, Guid subscriptionId, WinBackKind kind, DateTimeOffset accessEndsAt, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        UserId = userId,
        OrganizationId = organizationId,
        SubscriptionId = subscriptionId,
        Kind = kind,
        AccessEndsAt = accessEndsAt,
        CreatedAt = now,
    };

    /// <summary>
    /// The step due at <paramref name="now"/>: 2 once the second delay has passed (even if step 1 never went out:
    /// a late sweep sends only the latest step), 1 between the two delays until it is sent, otherwise none.
    /// </summary>
    public int? DueStep(DateTimeOffset now, TimeSpan firstDelay, TimeSpan secondDelay)
    {
        if (ClosedAt is not null || Step2SentAt is not null)
        {
            return null;
        }

        if (now >= AccessEndsAt + secondDelay)
        {
            return 2;
        }

        return Step1SentAt is null && now >= AccessEndsAt + firstDelay ? 1 : null;
    }

    /// <summary>Records that <paramref name="step"/>'s email was queued; step 2 is the last, so it closes the row.</summary>
    public void RecordSent(int step, DateTimeOffset now)
    {
        switch (step)
        {
            case 1 when Step1SentAt is null && ClosedAt is null:
                Step1SentAt = now;
                break;
            case 2 when Step2SentAt is null && ClosedAt is null:
                Step2SentAt = now;
                Close(WinBackClosure.Completed, now);
                break;
            default:
                throw new InvalidOperationException($"Win-back step {step} cannot be recorded now.");
        }
    }

    /// <summary>Stops the row; the sweep no longer reads it. Closing a closed row keeps the first reason.</summary>
    public void Close(WinBackClosure closure, DateTimeOffset now)
    {
        if (ClosedAt is not null)
        {
            return;
        }

        ClosedAt = now;
        Closure = closure;
    }

    /// <summary>A plan was bought after an email of this row: counts once, and nothing more is sent.</summary>
    public bool MarkConverted(DateTimeOffset now)
    {
        if (!WasSent || ConvertedAt is not null)
        {
            return false;
        }

        ConvertedAt = now;
        Close(WinBackClosure.Resubscribed, now);
        return true;
    }

    /// <summary>
    /// Whether <paramref name="subscription"/> says the organization is a customer again: paused (still a
    /// customer), or on a paid plan or a trial that is not the very period this row wins back running out.
    /// </summary>
    public bool IsWonBackBy(Subscription subscription)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        return subscription.Status == SubscriptionStatus.Paused
            || (subscription.HasPaidAccess && (!subscription.CancelAtPeriodEnd || subscription.CurrentPeriodEnd > AccessEndsAt));
    }
}
