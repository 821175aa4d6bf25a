using ProfilePortal.Domain.Billing;

namespace ProfilePortal.Domain.Retention;

/// <summary>One audit entry of a subscription's pause story (see <see cref="SubscriptionAudit.PauseStory"/>).</summary>
internal sealed record PauseStoryEntry(string SubscriptionId, string Action, DateTimeOffset At);

/// <summary>How one pause ended: when, and whether the subscription resumed rather than left.</summary>
internal sealed record PauseDecision(string SubscriptionId, DateTimeOffset At, bool Resumed);

/// <summary>
/// The pause → resume definition shared by the alert and the dashboard: a pause is decided by the first entry after
/// it (resumed, or cancelled, ended or expired); a pause with nothing after it is still running and counts neither way.
/// </summary>
internal static class PauseOutcomes
{
    public static IReadOnlyList<PauseDecision> Decide(IEnumerable<PauseStoryEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var decisions = new List<PauseDecision>();
        foreach (var story in entries.GroupBy(e => e.SubscriptionId, StringComparer.Ordinal))
        {
            var paused = false;
            foreach (var entry in story.OrderBy(e => e.At))
            {
                if (entry.Action == SubscriptionAudit.Paused)
                {
                    paused = true;
                }
                else if (paused)
                {
                    decisions.Add(new PauseDecision(story.Key, entry.At, entry.Action == SubscriptionAudit.Resumed));
                    paused = false;
                }
            }
        }

        return decisions;
    }
}
