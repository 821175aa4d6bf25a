using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using ProfilePortal.Domain.Credentials;

namespace ProfilePortal.Infrastructure.Credentials;

/// <summary>
/// Credential values under ASP.NET Core Data Protection (ADR-020): a protector per organization
/// (<c>ProfilePortal.Credentials.v1</c>, then the organization's id), with the key ring every node shares through the
/// database. The ring keeps retired keys, so a value protected before a key rotation still reads afterwards; only a
/// revoked or lost key makes its values unreadable.
/// </summary>
internal sealed class DataProtectionCredentialProtector(IDataProtectionProvider provider) : ICredentialProtector
{
    public const string Purpose = "ProfilePortal.Credentials.v1";

    private readonly IDataProtector _root = provider.CreateProtector(Purpose);

    public string Protect(Guid organizationId, string value) => For(organizationId).Protect(value);

    public string? Unprotect(Guid organizationId, string protectedValue)
    {
        try
        {
            return For(organizationId).Unprotect(protectedValue);
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private IDataProtector For(Guid organizationId) => _root.CreateProtector(organizationId.ToString("D"));
}
