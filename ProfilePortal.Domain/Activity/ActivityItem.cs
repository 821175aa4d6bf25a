namespace ProfilePortal.Domain.Activity;

/// <summary>One row of the activity timeline: what, a plain-text title, when, and who did it.</summary>
/// <param name="ActorId">The user who did it; null for work the ML platform started on the organization's behalf.</param>
/// <param name="ActorName">
/// The actor's name (first and last name, else the email); null when there is no actor, or when the actor is no longer
/// a member of the organization the feed shows, so that a feed never names anyone outside it.
/// </param>
public sealed record ActivityItem(ActivityKind Kind, string Title, DateTimeOffset OccurredAt, Guid? ActorId = null, string? ActorName = null);
