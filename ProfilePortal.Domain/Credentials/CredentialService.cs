using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ProfilePortal.Domain.Audit;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Organizations;

namespace ProfilePortal.Domain.Credentials;

/// <summary>
/// An organization's integration secrets (ADR-020). Only its Owner and Admins see, add, replace, reveal and delete
/// them; a Member is refused like a stranger is, with nothing listed. Every change and every reveal is audited in the
/// same save, with the credential's name and note but never its value; the logs carry ids only.
/// </summary>
public sealed partial class CredentialService(
    IPortalDbContextFactory dbFactory, ICredentialProtector protector, TimeProvider clock, ILogger<CredentialService> logger)
{
    public async Task<Result<CredentialList>> ListAsync(Guid actorId, Guid organizationId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (await DeniedAsync(db, actorId, organizationId, cancellationToken) is { } denied)
        {
            return denied;
        }

        var name = await db.Organizations.AsNoTracking()
            .Where(o => o.Id == organizationId).Select(o => o.Name).FirstAsync(cancellationToken);
        var items = await db.OrganizationCredentials.AsNoTracking()
            .Where(c => c.OrganizationId == organizationId)
            .OrderBy(c => c.NormalizedName)
            .Select(c => new CredentialSummary(c.Id, c.Name, c.Hint, c.Note, c.UpdatedAt, c.Version))
            .ToListAsync(cancellationToken);
        return new CredentialList(organizationId, name, items);
    }

    public async Task<Result<CredentialSummary>> AddAsync(
        Guid actorId, Guid organizationId, CredentialInput input, CancellationToken cancellationToken = default)
    {
        var errors = ValidateName(input.Name).Concat(ValidateValueAndNote(input)).ToArray();
        if (errors.Length > 0)
        {
            return Result<CredentialSummary>.Failure(errors);
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (await DeniedAsync(db, actorId, organizationId, cancellationToken) is { } denied)
        {
            return denied;
        }

        var name = input.Name!.Trim();
        var normalized = OrganizationCredential.Normalize(name);
        if (await db.OrganizationCredentials.AnyAsync(c => c.OrganizationId == organizationId && c.NormalizedName == normalized, cancellationToken))
        {
            return CredentialErrors.NameTaken;
        }

        var now = clock.GetUtcNow();
        var note = NoteOf(input);
        var credential = OrganizationCredential.Create(
            organizationId, name, protector.Protect(organizationId, input.Value!), OrganizationCredential.HintOf(input.Value!), note, actorId, now);
        db.OrganizationCredentials.Add(credential);
        db.AuditEntries.Add(Audit(actorId, "credential.added", credential, now, [new("Name", null, name), new("Note", null, note)]));
        if (await db.SaveOrRacedAsync(CredentialErrors.NameTaken, cancellationToken) is { } raced)
        {
            return raced;
        }

        LogChanged(logger, actorId, "added", credential.Id, organizationId);
        return Summary(credential);
    }

    /// <summary>Puts a new value (and note) in place of the old; the name stays. <paramref name="version"/> is the one the page showed.</summary>
    public async Task<Result<CredentialSummary>> ReplaceAsync(
        Guid actorId, Guid organizationId, Guid credentialId, CredentialInput input, Guid version, CancellationToken cancellationToken = default)
    {
        var errors = ValidateValueAndNote(input).ToArray();
        if (errors.Length > 0)
        {
            return Result<CredentialSummary>.Failure(errors);
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var (credential, refused) = await ManagedCredentialAsync(db, actorId, organizationId, credentialId, cancellationToken);
        if (credential is null)
        {
            return refused!;
        }

        if (credential.Version != version)
        {
            return CredentialErrors.Conflict;
        }

        var now = clock.GetUtcNow();
        var oldNote = credential.Note;
        var note = NoteOf(input);
        credential.Replace(protector.Protect(organizationId, input.Value!), OrganizationCredential.HintOf(input.Value!), note, actorId, now);
        db.AuditEntries.Add(Audit(actorId, "credential.replaced", credential, now, [new("Name", credential.Name, credential.Name), new("Value", null, "replaced"), new("Note", oldNote, note)]));
        if (await db.SaveOrConflictAsync(CredentialErrors.Conflict, cancellationToken) is { } conflict)
        {
            return conflict;
        }

        LogChanged(logger, actorId, "replaced", credential.Id, organizationId);
        return Summary(credential);
    }

    public async Task<Result> DeleteAsync(Guid actorId, Guid organizationId, Guid credentialId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var (credential, refused) = await ManagedCredentialAsync(db, actorId, organizationId, credentialId, cancellationToken);
        if (credential is null)
        {
            return refused!;
        }

        var now = clock.GetUtcNow();
        db.OrganizationCredentials.Remove(credential);
        db.AuditEntries.Add(Audit(actorId, "credential.deleted", credential, now, [new("Name", credential.Name, null), new("Note", credential.Note, null)]));
        if (await db.SaveOrConflictAsync(CredentialErrors.NotFound, cancellationToken) is { } gone)
        {
            return gone;
        }

        LogChanged(logger, actorId, "deleted", credential.Id, organizationId);
        return Result.Success();
    }

    /// <summary>The plain value, for an Owner or Admin; the reveal is audited (<c>credential.revealed</c>) before the value is returned.</summary>
    public async Task<Result<string>> RevealAsync(Guid actorId, Guid organizationId, Guid credentialId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var (credential, refused) = await ManagedCredentialAsync(db, actorId, organizationId, credentialId, cancellationToken);
        if (credential is null)
        {
            return refused!;
        }

        if (protector.Unprotect(organizationId, credential.ProtectedValue) is not { } value)
        {
            LogUnreadable(logger, credential.Id, organizationId);
            return CredentialErrors.Unreadable;
        }

        db.AuditEntries.Add(Audit(actorId, "credential.revealed", credential, clock.GetUtcNow(), [new("Name", credential.Name, credential.Name)]));
        await db.SaveChangesAsync(cancellationToken);
        LogChanged(logger, actorId, "revealed", credential.Id, organizationId);
        return value;
    }

    /// <summary>The organization's credential, tracked, for an Owner or Admin; or why not (refused, or not found).</summary>
    private async Task<(OrganizationCredential? Credential, Error? Refused)> ManagedCredentialAsync(
        IPortalDbContext db, Guid actorId, Guid organizationId, Guid credentialId, CancellationToken cancellationToken)
    {
        if (await DeniedAsync(db, actorId, organizationId, cancellationToken) is { } denied)
        {
            return (null, denied);
        }

        var credential = await db.OrganizationCredentials.FirstOrDefaultAsync(c => c.Id == credentialId && c.OrganizationId == organizationId, cancellationToken);
        return credential is null ? (null, CredentialErrors.NotFound) : (credential, null);
    }

    private static IEnumerable<Error> ValidateName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            yield return CredentialErrors.NameRequired;
        }
        else if (name.Trim().Length > OrganizationCredential.NameMaxLength)
        {
            yield return CredentialErrors.NameTooLong;
        }
    }

    // The value is kept exactly as typed (no trimming): a secret's spaces may matter.
    private static IEnumerable<Error> ValidateValueAndNote(CredentialInput input)
    {
        if (string.IsNullOrWhiteSpace(input.Value))
        {
            yield return CredentialErrors.ValueRequired;
        }
        else if (input.Value.Length > OrganizationCredential.ValueMaxLength)
        {
            yield return CredentialErrors.ValueTooLong;
        }

        if (NoteOf(input) is { Length: > OrganizationCredential.NoteMaxLength })
        {
            yield return CredentialErrors.NoteTooLong;
        }
    }

    private static string? NoteOf(CredentialInput input) => string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();

    private static CredentialSummary Summary(OrganizationCredential c) => new(c.Id, c.Name, c.Hint, c.Note, c.UpdatedAt, c.Version);

    private static AuditEntry Audit(Guid actorId, string action, OrganizationCredential credential, DateTimeOffset now, FieldChange[] changes) =>
        AuditEntry.Record(actorId, action, "credential", credential.Id.ToString(), credential.OrganizationId, FieldChange.Describe(changes), now);

    private async Task<Error?> DeniedAsync(IPortalDbContext db, Guid actorId, Guid organizationId, CancellationToken cancellationToken)
    {
        var role = await db.Memberships.AsNoTracking()
            .Where(m => m.UserId == actorId && m.OrganizationId == organizationId)
            .Select(m => (OrganizationRole?)m.Role)
            .FirstOrDefaultAsync(cancellationToken);
        switch (role)
        {
            case OrganizationRole.Owner or OrganizationRole.Admin:
                return null;
            case OrganizationRole.Member:
                LogRefused(logger, actorId, organizationId);
                return CredentialErrors.ManagersOnly;
            default:
                LogRefused(logger, actorId, organizationId);
                return Error.Forbidden();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} {Action} credential {CredentialId} of organization {OrganizationId}")]
    private static partial void LogChanged(ILogger logger, Guid userId, string action, Guid credentialId, Guid organizationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "User {UserId} may not manage the credentials of organization {OrganizationId}")]
    private static partial void LogRefused(ILogger logger, Guid userId, Guid organizationId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Credential {CredentialId} of organization {OrganizationId} cannot be decrypted: its key was revoked or lost")]
    private static partial void LogUnreadable(ILogger logger, Guid credentialId, Guid organizationId);
}
