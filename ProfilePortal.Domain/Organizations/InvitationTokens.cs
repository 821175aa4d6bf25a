using System.Security.Cryptography;
using System.Text;

namespace ProfilePortal.Domain.Organizations;

/// <summary>
/// The secret in an invitation link: 32 random bytes, base64url, shown once (in the email); the database keeps its
/// SHA-256 hash only. A hash without salt is enough here: the token is random, not a password.
/// </summary>
public static class InvitationTokens
{
    public static string NewToken() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
