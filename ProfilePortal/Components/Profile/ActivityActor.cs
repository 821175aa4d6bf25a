using ProfilePortal.Domain.Activity;

namespace ProfilePortal.Components.Profile;

/// <summary>Who the timeline says did something: "You" for the viewer's own items, else the member's name.</summary>
public static class ActivityActor
{
    /// <summary>
    /// <paramref name="you"/> when the viewer did it, the actor's name when the feed knows it, else null (the platform
    /// acted on its own, or the actor is no longer a member), and then nothing is shown.
    /// </summary>
    public static string? Label(ActivityItem item, Guid? viewerId, string you) =>
        item.ActorId is { } actor && actor == viewerId ? you : item.ActorName;
}
