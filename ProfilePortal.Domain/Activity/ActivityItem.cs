namespace ProfilePortal.Domain.Activity;

/// <summary>One row of the activity timeline: what, a plain-text title and when.</summary>
public sealed record ActivityItem(ActivityKind Kind, string Title, DateTimeOffset OccurredAt);
