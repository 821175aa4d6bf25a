namespace ProfilePortal.Domain.Profile;

/// <summary>IANA time zones: the ones a profile may choose, and conversion of instants for display.</summary>
public static class TimeZones
{
    public const string Utc = "UTC";

    private static readonly Lazy<IReadOnlyList<string>> IanaIds = new(() =>
        [.. TimeZoneInfo.GetSystemTimeZones()
            .Select(zone => zone.HasIanaId ? zone.Id : TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Id, out var iana) ? iana : null)
            .OfType<string>()
            .Append(Utc)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)]);

    /// <summary>Every IANA id this machine knows, or the whitelist when one is configured.</summary>
    public static IReadOnlyList<string> Choices(IReadOnlyCollection<string> whitelist) =>
        whitelist.Count == 0 ? IanaIds.Value : [.. IanaIds.Value.Where(whitelist.Contains)];

    public static bool IsAllowed(string id, IReadOnlyCollection<string> whitelist) =>
        (whitelist.Count == 0 || whitelist.Contains(id)) && IanaIds.Value.Contains(id, StringComparer.Ordinal);

    /// <summary>The zone of a profile; an empty or unknown id means UTC (seed 000's sanity update).</summary>
    public static TimeZoneInfo Resolve(string? id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;

    public static DateTimeOffset ToLocal(DateTimeOffset instant, string? id) => TimeZoneInfo.ConvertTime(instant, Resolve(id));
}
