using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using ProfilePortal.Resources;

namespace ProfilePortal.Components.Profile;

/// <summary>
/// A long choice list (countries, time zones) as the browser offers it: a <c>&lt;datalist&gt;</c> the box's
/// <c>list</c> attribute names, and the way back from what was typed to the code. The markup is one string,
/// rendered as one frame, built once and shared by every circuit (issue 10: hundreds of options per open drawer
/// cost every click). Options carry only a value, no text, so the dialog's text is its visible text.
/// </summary>
internal sealed class ChoiceList
{
    private readonly Dictionary<string, string> _codes;
    private readonly Dictionary<string, string> _labels;

    private ChoiceList(string id, IReadOnlyList<(string Code, string Label)> items, StringComparer comparer)
    {
        Id = id;
        Codes = [.. items.Select(item => item.Code)];
        _labels = items.ToDictionary(item => item.Code, item => item.Label, StringComparer.Ordinal);
        _codes = new Dictionary<string, string>(comparer);
        foreach (var (code, label) in items)
        {
            _codes.TryAdd(label, code);
        }

        // A code typed as such (e.g. "DE", "Europe/Berlin") is also understood; a name wins over a code.
        foreach (var (code, _) in items)
        {
            _codes.TryAdd(code, code);
        }

        var html = new StringBuilder($"<datalist id=\"{id}\">");
        foreach (var (_, label) in items)
        {
            html.Append("<option value=\"").Append(WebUtility.HtmlEncode(label)).Append("\"></option>");
        }

        Datalist = new MarkupString(html.Append("</datalist>").ToString());
    }

    /// <summary>The datalist's id, for the box's <c>list</c> attribute.</summary>
    public string Id { get; }

    /// <summary>The <c>&lt;datalist&gt;</c> with one option per choice, in the list's order.</summary>
    public MarkupString Datalist { get; }

    /// <summary>The codes, in the list's order.</summary>
    public IReadOnlyList<string> Codes { get; }

    /// <summary>The code a typed text stands for (a label or a code, ignoring case and surrounding spaces); null when none.</summary>
    public string? CodeOf(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : _codes.GetValueOrDefault(text.Trim());

    /// <summary>The label of a code in the list; null for a code the list does not hold.</summary>
    public string? LabelOf(string code) => _labels.GetValueOrDefault(code);

    private static readonly ConcurrentDictionary<string, ChoiceList> CountryLists = new(StringComparer.Ordinal);
    // Keyed by the set of choices and the hour: offsets change with daylight saving time, so each hour's list is
    // written once. Old hours are dropped when the cache grows past a day's worth.
    private static readonly ConcurrentDictionary<(int Choices, long Hour), ChoiceList> ZoneLists = new();
    private const int ZoneListsKept = 24;
    private static volatile LastZones? _lastZones;

    /// <summary>
    /// The countries in the reader's language, sorted in the reader's culture: one list per culture, shared by
    /// every circuit.
    /// </summary>
    public static ChoiceList Countries(IStringLocalizer<CountryNames> names) =>
        CountryLists.GetOrAdd($"{CultureInfo.CurrentCulture.Name}|{CultureInfo.CurrentUICulture.Name}", static (_, names) =>
        {
            var culture = CultureInfo.CurrentCulture;
            var items = Domain.Profile.Countries.Codes
                .Select(code => (Code: code, Label: ProfileDisplay.CountryName(names, code)))
                .OrderBy(item => item.Label, StringComparer.Create(culture, ignoreCase: true))
                .ToList();
            return new ChoiceList(
                "profile-country-choices", items, StringComparer.Create(culture, CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace));
        }, names);

    /// <summary>
    /// The time zones a profile may choose, labelled with their offset at the start of <paramref name="now"/>'s hour:
    /// one list per set of choices and hour, shared by every circuit.
    /// </summary>
    public static ChoiceList TimeZones(IReadOnlyList<string> choices, DateTimeOffset now)
    {
        // Without a whitelist the service hands out the same list every time: then no hashing at all.
        var hourOfNow = now.UtcTicks / TimeSpan.TicksPerHour;
        if (_lastZones is { } last && ReferenceEquals(last.Choices, choices) && last.Hour == hourOfNow)
        {
            return last.List;
        }

        var key = (Choices: Fingerprint(choices), Hour: hourOfNow);
        if (!ZoneLists.TryGetValue(key, out var list) || !list.Codes.SequenceEqual(choices))
        {
            list = BuildZones(choices, key);
        }

        _lastZones = new LastZones(choices, hourOfNow, list);
        return list;
    }

    private static ChoiceList BuildZones(IReadOnlyList<string> choices, (int Choices, long Hour) key)
    {
        if (ZoneLists.Count >= ZoneListsKept)
        {
            ZoneLists.Clear();
        }

        var hour = new DateTimeOffset(key.Hour * TimeSpan.TicksPerHour, TimeSpan.Zero);
        var items = choices.Select(zone => (Code: zone, Label: ProfileDisplay.ZoneLabel(zone, hour))).ToList();
        var list = new ChoiceList("profile-zone-choices", items, StringComparer.OrdinalIgnoreCase);
        ZoneLists[key] = list;
        return list;
    }

    private static int Fingerprint(IReadOnlyList<string> choices)
    {
        var hash = new HashCode();
        foreach (var choice in choices)
        {
            hash.Add(choice, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    private sealed record LastZones(IReadOnlyList<string> Choices, long Hour, ChoiceList List);
}
