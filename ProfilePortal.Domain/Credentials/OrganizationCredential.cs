using ProfilePortal.Domain.Common;

namespace ProfilePortal.Domain.Credentials;

/// <summary>
/// An integration secret of an organization (an API key, a token). The value is stored only as the Data Protection
/// payload in <see cref="ProtectedValue"/>; <see cref="Hint"/> keeps at most its last four characters, and only for
/// values long enough that four characters give little away (ADR-020).
/// </summary>
public sealed class OrganizationCredential : IVersioned
{
    public const int NameMaxLength = 100;
    public const int ValueMaxLength = 4000;
    public const int NoteMaxLength = 500;
    public const int HintLength = 4;

    /// <summary>A value shorter than this shows no characters at all, only the mask.</summary>
    public const int HintMinValueLength = 12;

    private OrganizationCredential()
    {
    }

    public Guid Id { get; private set; }

    public Guid OrganizationId { get; private set; }

    public string Name { get; private set; } = string.Empty;

    /// <summary>The name as uniqueness compares it: trimmed and upper-cased, so "Api" and "API" clash.</summary>
    public string NormalizedName { get; private set; } = string.Empty;

    /// <summary>The value as Data Protection protected it under the organization's purpose; never the plain value.</summary>
    public string ProtectedValue { get; private set; } = string.Empty;

    /// <summary>The last characters of the value shown beside the mask, or null for a short value.</summary>
    public string? Hint { get; private set; }

    public string? Note { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public Guid CreatedByUserId { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public Guid UpdatedByUserId { get; private set; }

    public Guid Version { get; set; }

    internal static OrganizationCredential Create(
        Guid organizationId, string name, string protectedValue, string? hint, string? note, Guid actorId, DateTimeOffset now) => new()
        {
            Id = Guid.CreateVersion7(now),
            OrganizationId = organizationId,
            Name = name,
            NormalizedName = Normalize(name),
            ProtectedValue = protectedValue,
            Hint = hint,
            Note = note,
            CreatedAt = now,
            CreatedByUserId = actorId,
            UpdatedAt = now,
            UpdatedByUserId = actorId,
        };

    internal void Replace(string protectedValue, string? hint, string? note, Guid actorId, DateTimeOffset now)
    {
        ProtectedValue = protectedValue;
        Hint = hint;
        Note = note;
        UpdatedAt = now;
        UpdatedByUserId = actorId;
    }

    internal static string Normalize(string name) => name.Trim().ToUpperInvariant();

    /// <summary>The last <see cref="HintLength"/> characters of a long enough value, else null.</summary>
    internal static string? HintOf(string value) =>
        value.Length >= HintMinValueLength ? value[^HintLength..] : null;
}
