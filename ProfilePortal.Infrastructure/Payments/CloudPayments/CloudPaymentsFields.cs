using System.Globalization;
using System.Net;
using System.Text.Json;

namespace ProfilePortal.Infrastructure.Payments.CloudPayments;

/// <summary>
/// The named values of a CloudPayments message, from a form body or a JSON object alike, read with the
/// invariant culture. Readers record what is missing or malformed instead of throwing, so a caller can report
/// every problem of a body at once.
/// </summary>
internal sealed class CloudPaymentsFields
{
    private static readonly string[] DateFormats =
    [
        "yyyy-MM-dd HH:mm:ss",
        "yyyy-MM-dd'T'HH:mm:ss",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    private readonly Dictionary<string, string> _values;
    private readonly List<(string Field, string Message)> _problems = [];

    private CloudPaymentsFields(Dictionary<string, string> values) => _values = values;

    public IReadOnlyList<(string Field, string Message)> Problems => _problems;

    /// <summary>An <c>application/x-www-form-urlencoded</c> body: <c>+</c> is a space; the first of repeated names wins.</summary>
    public static CloudPaymentsFields FromForm(string body)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in body.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var separator = pair.IndexOf('=', StringComparison.Ordinal);
            var name = WebUtility.UrlDecode(separator < 0 ? pair : pair[..separator]);
            var value = separator < 0 ? string.Empty : WebUtility.UrlDecode(pair[(separator + 1)..]);
            if (name.Length > 0)
            {
                values.TryAdd(name, value);
            }
        }

        return new CloudPaymentsFields(values);
    }

    /// <summary>A JSON object: strings as they are, numbers and booleans as written, nested objects as raw JSON.</summary>
    public static CloudPaymentsFields FromJson(JsonElement element)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in element.EnumerateObject())
        {
            var value = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                _ => property.Value.GetRawText(),
            };
            if (value is not null)
            {
                values.TryAdd(property.Name, value);
            }
        }

        return new CloudPaymentsFields(values);
    }

    public int Count => _values.Count;

    /// <summary>The value, or null when it is missing or empty.</summary>
    public string? Text(string name) => _values.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    public string RequiredText(string name) => Text(name) ?? Missing(name, string.Empty);

    public long? Long(string name) => Read(name, static (string raw, out long value) =>
        long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value), "a whole number");

    public long RequiredLong(string name) => Text(name) is null ? Missing(name, 0L) : Long(name) ?? 0L;

    public int? Int(string name) => Read(name, static (string raw, out int value) =>
        int.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value), "a whole number");

    /// <summary>A decimal with a point, never a comma, whatever the server's culture.</summary>
    public decimal? Decimal(string name) => Read(name, static (string raw, out decimal value) =>
        decimal.TryParse(raw, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
            CultureInfo.InvariantCulture, out value), "a number with a decimal point");

    public decimal RequiredDecimal(string name) => Text(name) is null ? Missing(name, 0m) : Decimal(name) ?? 0m;

    /// <summary>"1"/"0" in forms, true/false in JSON; missing is false.</summary>
    public bool Bool(string name) => Read(name, static (string raw, out bool value) =>
    {
        value = raw is "1" || raw.Equals("true", StringComparison.OrdinalIgnoreCase);
        return value || raw is "0" || raw.Equals("false", StringComparison.OrdinalIgnoreCase);
    }, "0, 1, true or false") ?? false;

    /// <summary>CloudPayments' "yyyy-MM-dd HH:mm:ss" in UTC, or ISO 8601.</summary>
    public DateTimeOffset? Instant(string name) => Read(name, static (string raw, out DateTimeOffset value) =>
        DateTimeOffset.TryParseExact(raw, DateFormats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value), "a UTC date and time (yyyy-MM-dd HH:mm:ss)");

    public CloudPaymentsCardExpiry? Expiry(string name) => Read<CloudPaymentsCardExpiry>(name, CloudPaymentsCardExpiry.TryParse, "a card expiry date (MM/YY)");

    private delegate bool TryParse<T>(string raw, out T value);

    private T? Read<T>(string name, TryParse<T> parse, string expected)
        where T : struct
    {
        if (Text(name) is not { } raw)
        {
            return null;
        }

        if (parse(raw.Trim(), out var value))
        {
            return value;
        }

        _problems.Add((name, $"{name} must be {expected}."));
        return null;
    }

    private T Missing<T>(string name, T placeholder)
    {
        _problems.Add((name, $"{name} is missing."));
        return placeholder;
    }
}
