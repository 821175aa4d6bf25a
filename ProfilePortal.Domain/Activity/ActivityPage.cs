namespace ProfilePortal.Domain.Activity;

/// <summary>A page of the timeline ("show more"): the items, newest first, and whether older ones exist in the window.</summary>
public sealed record ActivityPage(IReadOnlyList<ActivityItem> Items, bool HasMore);
