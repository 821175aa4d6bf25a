namespace ProfilePortal.Domain.Common;

/// <summary>
/// The normalized form of a searchable text: trimmed and upper-cased with invariant rules, the way Identity
/// normalizes email addresses. Searches compare these ordinally (a binary collation on both databases), so a
/// prefix becomes an index range: <c>key &gt;= prefix AND key &lt; <see cref="UpperBound"/>(prefix)</c>.
/// </summary>
public static class SearchKey
{
    /// <summary>The longest key stored; longer values are cut (a prefix search never needs more).</summary>
    public const int MaxLength = 200;

    public static string? Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var key = text.Trim().ToUpperInvariant();
        return key.Length <= MaxLength ? key : key[..MaxLength];
    }

    /// <summary>
    /// The smallest string greater than every string that starts with <paramref name="prefix"/>, or null when there is
    /// no such bound that orders the same in UTF-16 and UTF-8 (the prefix ends in a surrogate or past U+D7FF).
    /// </summary>
    public static string? UpperBound(string prefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        var last = prefix[^1];
        return last >= '\uD7FF' ? null : string.Concat(prefix.AsSpan(0, prefix.Length - 1), [(char)(last + 1)]);
    }
}
