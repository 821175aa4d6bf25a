using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace ProfilePortal.Infrastructure.Payments.CloudPayments;

/// <summary>
/// Checks that a notification comes from CloudPayments: <c>Content-HMAC</c> is base64(HMAC-SHA256(raw body,
/// API secret)), as the provider's official plugin checks it. <c>X-Content-HMAC</c> is accepted too, computed over
/// the raw body or over the URL-decoded body (third-party sources disagree on which). Read the raw body before any
/// model binding: the signature is over the exact bytes. Comparisons take constant time.
/// </summary>
public sealed class CloudPaymentsSignature(IOptionsMonitor<CloudPaymentsOptions> options)
{
    public const string HeaderName = "Content-HMAC";
    public const string AlternateHeaderName = "X-Content-HMAC";

    private const int HashSize = HMACSHA256.HashSizeInBytes;

    /// <summary>Whether the body carries a valid signature under the configured API secret.</summary>
    public bool Verify(ReadOnlySpan<byte> body, string? contentHmac, string? xContentHmac) =>
        Verify(body, contentHmac, xContentHmac, options.CurrentValue.ApiSecret);

    /// <summary>As <see cref="Verify(ReadOnlySpan{byte}, string?, string?)"/>, with the headers of the request.</summary>
    public bool Verify(ReadOnlySpan<byte> body, IHeaderDictionary headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return Verify(body, Single(headers, HeaderName), Single(headers, AlternateHeaderName));
    }

    public static bool Verify(ReadOnlySpan<byte> body, string? contentHmac, string? xContentHmac, string apiSecret)
    {
        if (string.IsNullOrEmpty(apiSecret))
        {
            return false;
        }

        var key = Encoding.UTF8.GetBytes(apiSecret);
        Span<byte> expected = stackalloc byte[HashSize];
        HMACSHA256.HashData(key, body, expected);
        if (Matches(contentHmac, expected) || Matches(xContentHmac, expected))
        {
            return true;
        }

        if (string.IsNullOrWhiteSpace(xContentHmac))
        {
            return false;
        }

        HMACSHA256.HashData(key, UrlDecoded(body), expected);
        return Matches(xContentHmac, expected);
    }

    /// <summary>The <c>Content-HMAC</c> value CloudPayments would send with <paramref name="body"/>.</summary>
    public static string Sign(ReadOnlySpan<byte> body, string apiSecret)
    {
        ArgumentException.ThrowIfNullOrEmpty(apiSecret);
        return Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(apiSecret), body));
    }

    /// <summary>An <c>X-Content-HMAC</c> value over the URL-decoded form body.</summary>
    public static string SignUrlDecoded(ReadOnlySpan<byte> body, string apiSecret) => Sign(UrlDecoded(body), apiSecret);

    private static bool Matches(string? header, ReadOnlySpan<byte> expected)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return false;
        }

        // Room for a longer value than a SHA-256 hash, so a wrong length is a mismatch and not a decoding error.
        Span<byte> given = stackalloc byte[HashSize * 2];
        return Convert.TryFromBase64String(header.Trim(), given, out var written)
            && CryptographicOperations.FixedTimeEquals(given[..written], expected);
    }

    private static byte[] UrlDecoded(ReadOnlySpan<byte> body) =>
        Encoding.UTF8.GetBytes(WebUtility.UrlDecode(Encoding.UTF8.GetString(body)));

    private static string? Single(IHeaderDictionary headers, string name) =>
        headers.TryGetValue(name, out var values) && values.Count == 1 ? values[0] : null;
}
