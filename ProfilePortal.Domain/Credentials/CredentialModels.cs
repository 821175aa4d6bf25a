using System.ComponentModel.DataAnnotations;
using ProfilePortal.Domain.Common;

namespace ProfilePortal.Domain.Credentials;

/// <summary>What the page shows of a credential: never the value, only its mask.</summary>
public sealed record CredentialSummary(
    Guid Id, string Name, string? Hint, string? Note, DateTimeOffset UpdatedAt, Guid Version)
{
    /// <summary>The masked value: "••••" and at most the last four characters.</summary>
    public string Masked => CredentialMask.Of(Hint);
}

/// <summary>An organization's credentials as its Owner or an Admin sees them.</summary>
public sealed record CredentialList(Guid OrganizationId, string OrganizationName, IReadOnlyList<CredentialSummary> Items);

/// <summary>A new credential, or a replacement value (the name is then ignored).</summary>
public sealed record CredentialInput(
    [property: Required, StringLength(OrganizationCredential.NameMaxLength)] string? Name,
    [property: Required, StringLength(OrganizationCredential.ValueMaxLength)] string? Value,
    [property: StringLength(OrganizationCredential.NoteMaxLength)] string? Note);

/// <summary>How a credential's value is shown when it is not revealed.</summary>
public static class CredentialMask
{
    public const string Dots = "••••";

    public static string Of(string? hint) => hint is null ? Dots : Dots + hint;
}

/// <summary>The expected failures of <see cref="CredentialService"/>; the page shows "Credentials.Error.{code}".</summary>
public static class CredentialErrors
{
    public static readonly Error NotFound = new("credential.not_found", "The credential was not found.");
    public static readonly Error NameRequired = new("credential.name_required", "Enter a name.", "Name");
    public static readonly Error NameTooLong = new("credential.name_too_long", "The name is too long.", "Name");
    public static readonly Error NameTaken = new("credential.name_taken", "This organization already has a credential with this name.", "Name");
    public static readonly Error ValueRequired = new("credential.value_required", "Enter the value.", "Value");
    public static readonly Error ValueTooLong = new("credential.value_too_long", "The value is too long.", "Value");
    public static readonly Error NoteTooLong = new("credential.note_too_long", "The note is too long.", "Note");
    public static readonly Error ManagersOnly = new("credential.managers_only", "Only the owner and admins manage credentials.");
    public static readonly Error Unreadable = new("credential.unreadable", "The value cannot be decrypted: its key was revoked or lost.");
    public static readonly Error Conflict = Error.Conflict("credential");
}
