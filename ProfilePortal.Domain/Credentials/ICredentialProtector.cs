namespace ProfilePortal.Domain.Credentials;

/// <summary>
/// Encrypts and authenticates credential values under a purpose of one organization, so a payload copied to
/// another organization does not read. Implemented with ASP.NET Core Data Protection and its key ring in the
/// database (ADR-020).
/// </summary>
public interface ICredentialProtector
{
    /// <summary>The protected payload of <paramref name="value"/> for <paramref name="organizationId"/>.</summary>
    string Protect(Guid organizationId, string value);

    /// <summary>
    /// The plain value, or null when the payload cannot be read: its key was revoked or lost, or it belongs to
    /// another organization. Never throws for a bad payload, and never puts the payload in an exception.
    /// </summary>
    string? Unprotect(Guid organizationId, string protectedValue);
}
