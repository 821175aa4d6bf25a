namespace ProfilePortal.Domain.Audit;

/// <summary>
/// Who changed what, when, from which value to which. Written in the same save as the change itself, never
/// updated, never deleted by the app.
/// </summary>
public sealed class AuditEntry
{
    private AuditEntry()
    {
    }

    public Guid Id { get; private set; }

    public DateTimeOffset OccurredAt { get; private set; }

    public Guid? ActorUserId { get; private set; }

    /// <summary>e.g. "profile.updated", "quota.extended", "feature.changed".</summary>
    public string Action { get; private set; } = string.Empty;

    public string TargetType { get; private set; } = string.Empty;

    public string TargetId { get; private set; } = string.Empty;

    public Guid? OrganizationId { get; private set; }

    /// <summary>The changes as JSON: <c>{"Company":{"from":"A","to":"B"}}</c>.</summary>
    public string Changes { get; private set; } = "{}";

    public static AuditEntry Record(
        Guid? actorUserId, string action, string targetType, string targetId, Guid? organizationId, string changesJson, DateTimeOffset at) => new()
        {
            Id = Guid.CreateVersion7(at),
            OccurredAt = at,
            ActorUserId = actorUserId,
            Action = action,
            TargetType = targetType,
            TargetId = targetId,
            OrganizationId = organizationId,
            Changes = changesJson,
        };
}
