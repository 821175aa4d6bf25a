using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using ProfilePortal.Domain.Notifications;

namespace ProfilePortal.Infrastructure.Email;

/// <summary>
/// Unsubscribe tokens from ASP.NET Core Data Protection: the user's id, encrypted and authenticated under a purpose
/// of their own, with the key ring every node shares through the database. A token altered by one character, made
/// for another purpose (a confirmation or reset link) or under another key ring does not read. No expiry: the key
/// ring keeps retired keys for decryption, so an old email's link keeps working as long as no key is revoked.
/// </summary>
internal sealed class DataProtectionUnsubscribeTokens(IDataProtectionProvider provider) : IUnsubscribeTokens
{
    public const string Purpose = "ProfilePortal.Notifications.Unsubscribe.v1";

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    public string Issue(Guid userId) => _protector.Protect(userId.ToString("N"));

    public Guid? Read(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 1024)
        {
            return null;
        }

        try
        {
            return Guid.TryParseExact(_protector.Unprotect(token), "N", out var userId) ? userId : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            // Not even base64url: cut in transit or typed by hand.
            return null;
        }
    }
}
