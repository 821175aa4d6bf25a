using System.Globalization;
using System.Text;
using Microsoft.Diagnostics.Runtime;

namespace ProfilePortal.HeapCensus;

/// <summary>
/// Live objects by type (count and each object's own size), in two parts: what the objects of an owner type (a
/// circuit's host) reach that nothing else does — the memory a circuit costs — and everything else (shared state).
/// </summary>
public sealed class Census
{
    private readonly Dictionary<string, (long Count, long Bytes)> _owned = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long Count, long Bytes)> _shared = new(StringComparer.Ordinal);

    private Census(string ownerType) => OwnerType = ownerType;

    /// <summary>The type whose objects own memory (e.g. Blazor's circuit host).</summary>
    public string OwnerType { get; }

    /// <summary>How many objects of <see cref="OwnerType"/> are live.</summary>
    public int Owners { get; private set; }

    /// <summary>Live bytes only the owners reach.</summary>
    public long OwnedBytes { get; private set; }

    /// <summary>Live bytes reached without going through an owner.</summary>
    public long SharedBytes { get; private set; }

    /// <summary>For the types asked about: how a few of their owned objects are reached from an owner.</summary>
    public List<string> Paths { get; } = [];

    /// <summary>
    /// Walks from every root without entering an owner (the shared part), then from every owner through what the
    /// first walk did not reach (the owned part); for the first few owned objects of each type in
    /// <paramref name="explain"/>, records the chain of types from their owner.
    /// </summary>
    public static Census Take(ClrHeap heap, string ownerType, IReadOnlyCollection<string> explain, int pathsPerType = 3)
    {
        var census = new Census(ownerType);
        var seen = new HashSet<ulong>();
        var owners = new List<ulong>();
        var roots = heap.EnumerateRoots().Select(r => r.Object.Address).Where(a => a != 0);
        census.SharedBytes = Walk(heap, roots, seen, census._shared, parents: null, enter: o =>
        {
            if (o.Type?.Name == ownerType)
            {
                owners.Add(o.Address);
                return false;
            }

            return true;
        });

        census.Owners = owners.Count;
        var parents = explain.Count > 0 ? new Dictionary<ulong, ulong>() : null;
        var explained = explain.ToDictionary(t => t, _ => 0, StringComparer.Ordinal);
        foreach (var owner in owners)
        {
            seen.Remove(owner);
        }

        census.OwnedBytes = Walk(heap, owners, seen, census._owned, parents, enter: o =>
        {
            if (parents is not null && o.Type?.Name is { } name && explained.TryGetValue(name, out var done) && done < pathsPerType)
            {
                explained[name] = done + 1;
                census.Paths.Add(PathTo(heap, parents, o.Address));
            }

            return true;
        });

        return census;
    }

    /// <summary>The report: per-owner figures and the largest types of each part.</summary>
    public string Report(int top)
    {
        var report = new StringBuilder();
        var name = OwnerType[(OwnerType.LastIndexOf('.') + 1)..];
        report.AppendLine(CultureInfo.InvariantCulture, $"{Owners:N0} × {OwnerType}");
        report.AppendLine(CultureInfo.InvariantCulture, $"owned by them: {Mb(OwnedBytes)}, {(Owners == 0 ? 0 : OwnedBytes / Owners / 1024.0):N1} KB per {name}");
        report.AppendLine(CultureInfo.InvariantCulture, $"shared: {Mb(SharedBytes)}");
        Table(report, $"Owned by each {name} (bytes per {name})", _owned, top, Owners);
        Table(report, "Shared", _shared, top, 0);
        foreach (var path in Paths)
        {
            report.AppendLine().AppendLine("  " + path);
        }

        return report.ToString();
    }

    /// <summary>The <paramref name="top"/> texts whose copies in the heap (live or not) take the most bytes.</summary>
    public static string RepeatedStrings(ClrHeap heap, int top)
    {
        var copies = new Dictionary<string, (long Count, long Bytes)>(StringComparer.Ordinal);
        foreach (var text in heap.EnumerateObjects().Where(o => o.Type?.IsString == true))
        {
            var value = text.AsString(maxLength: 4096) ?? string.Empty;
            copies[value] = copies.TryGetValue(value, out var sum) ? (sum.Count + 1, sum.Bytes + (long)text.Size) : (1, (long)text.Size);
        }

        var report = new StringBuilder().AppendLine().AppendLine("## Strings by the bytes of their copies").AppendLine();
        report.AppendLine("| bytes | copies | length | text |").AppendLine("| ---: | ---: | ---: | --- |");
        foreach (var (value, (count, bytes)) in copies.OrderByDescending(c => c.Value.Bytes).Take(top))
        {
            var shown = value.Length > 80 ? value[..80] + "…" : value;
            report.AppendLine(CultureInfo.InvariantCulture, $"| {bytes:N0} | {count:N0} | {value.Length:N0} | `{shown.ReplaceLineEndings(" ").Replace('|', '¦').Replace('`', '\'')}` |");
        }

        return report.ToString();
    }

    private static long Walk(ClrHeap heap, IEnumerable<ulong> starts, HashSet<ulong> seen, Dictionary<string, (long Count, long Bytes)> byType,
        Dictionary<ulong, ulong>? parents, Func<ClrObject, bool> enter)
    {
        var total = 0L;
        var pending = new Stack<ulong>();
        foreach (var start in starts)
        {
            if (seen.Add(start))
            {
                pending.Push(start);
            }
        }

        while (pending.Count > 0)
        {
            var live = heap.GetObject(pending.Pop());
            if (!live.IsValid || live.Type is null || !enter(live))
            {
                continue;
            }

            var type = live.Type.Name ?? "?";
            total += (long)live.Size;
            byType[type] = byType.TryGetValue(type, out var sum) ? (sum.Count + 1, sum.Bytes + (long)live.Size) : (1, (long)live.Size);
            foreach (var reference in live.EnumerateReferenceAddresses(carefully: false, considerDependantHandles: true))
            {
                if (reference != 0 && seen.Add(reference))
                {
                    if (parents is not null)
                    {
                        parents[reference] = live.Address;
                    }

                    pending.Push(reference);
                }
            }
        }

        return total;
    }

    private static string PathTo(ClrHeap heap, Dictionary<ulong, ulong> parents, ulong address)
    {
        var chain = new List<string>();
        for (var at = address; chain.Count < 60; at = parents[at])
        {
            chain.Add(heap.GetObject(at).Type?.Name ?? "?");
            if (!parents.ContainsKey(at))
            {
                break;
            }
        }

        chain.Reverse();
        return string.Join(Environment.NewLine + "  → ", chain);
    }

    private static void Table(StringBuilder report, string title, Dictionary<string, (long Count, long Bytes)> byType, int top, int per)
    {
        report.AppendLine().AppendLine("## " + title).AppendLine();
        report.AppendLine(per > 0 ? "| live bytes | count | per owner | type |" : "| live bytes | count | | type |");
        report.AppendLine("| ---: | ---: | ---: | --- |");
        foreach (var (type, (objects, bytes)) in byType.OrderByDescending(t => t.Value.Bytes).Take(top))
        {
            var share = per > 0 ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)per:N0} B") : "";
            report.AppendLine(CultureInfo.InvariantCulture, $"| {bytes:N0} | {objects:N0} | {share} | `{type}` |");
        }
    }

    private static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024:N1} MB");
}
