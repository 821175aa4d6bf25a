namespace ProfilePortal.Domain.Quotas;

/// <summary>
/// One thing a customer did on the ML platform. The platform inserts these rows into the shared database
/// (docs/usage-events.md); the portal only reads them: launches count against the quota and every event
/// shows in the activity timeline.
/// </summary>
public sealed class UsageEvent
{
    public const int TitleMaxLength = 200;

    private UsageEvent()
    {
    }

    public long Id { get; private set; }

    public Guid OrganizationId { get; private set; }

    /// <summary>Who started it; null for work the platform started on the organization's behalf.</summary>
    public Guid? UserId { get; private set; }

    public UsageEventKind Kind { get; private set; }

    /// <summary>A short human-readable name, e.g. the run or dataset name.</summary>
    public string Title { get; private set; } = string.Empty;

    /// <summary>Launches this event consumes (1 for a training run, 0 for an upload).</summary>
    public int Launches { get; private set; }

    public DateTimeOffset OccurredAt { get; private set; }

    /// <summary>For the demo data and tests, which play the platform's part.</summary>
    public static UsageEvent Record(Guid organizationId, Guid? userId, UsageEventKind kind, string title, int launches, DateTimeOffset at) => new()
    {
        OrganizationId = organizationId,
        UserId = userId,
        Kind = kind,
        Title = title.Length <= TitleMaxLength ? title : title[..TitleMaxLength],
        Launches = launches,
        OccurredAt = at,
    };
}
