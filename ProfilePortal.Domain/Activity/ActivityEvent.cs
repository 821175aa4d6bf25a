namespace ProfilePortal.Domain.Activity;

/// <summary>Something the portal did for or to a customer: a profile edit, a plan or quota change.</summary>
public sealed class ActivityEvent
{
    public const int DetailMaxLength = 300;

    private ActivityEvent()
    {
    }

    public Guid Id { get; private set; }

    public Guid UserId { get; private set; }

    public Guid? OrganizationId { get; private set; }

    public ActivityKind Kind { get; private set; }

    /// <summary>Plain text shown under the title (never markup), e.g. the fields changed.</summary>
    public string Detail { get; private set; } = string.Empty;

    public DateTimeOffset OccurredAt { get; private set; }

    public static ActivityEvent Record(Guid userId, Guid? organizationId, ActivityKind kind, string detail, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        UserId = userId,
        OrganizationId = organizationId,
        Kind = kind,
        Detail = detail.Length <= DetailMaxLength ? detail : detail[..DetailMaxLength],
        OccurredAt = at,
    };
}
