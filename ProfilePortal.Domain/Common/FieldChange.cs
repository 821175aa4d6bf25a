namespace ProfilePortal.Domain.Common;

/// <summary>One field's old and new value, for the audit trail.</summary>
public sealed record FieldChange(string Field, string? From, string? To);
