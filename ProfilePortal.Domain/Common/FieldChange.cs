using System.Text.Json;

namespace ProfilePortal.Domain.Common;

/// <summary>One field's old and new value, for the audit trail.</summary>
public sealed record FieldChange(string Field, string? From, string? To)
{
    /// <summary>The changes as the audit trail stores them: <c>{"Company":{"from":"A","to":"B"}}</c>.</summary>
    public static string Describe(IEnumerable<FieldChange> changes) =>
        JsonSerializer.Serialize(changes.ToDictionary(c => c.Field, c => new { from = c.From, to = c.To }));
}
