using Deque.AxeCore.Commons;

namespace ProfilePortal.Tests.EndToEnd;

/// <summary>The accessibility bar of the journeys: no serious or critical axe violation.</summary>
internal static class AxeAssertions
{
    public static void AssertNoSeriousViolations(AxeResult result, string what)
    {
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"Axe found on {what}: " + string.Join("; ", serious.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")));
    }
}
