using System.Globalization;
using System.Text;
using Microsoft.Diagnostics.Runtime;

namespace ProfilePortal.HeapCensus;

/// <summary>
/// Live objects by type: count and bytes (each object's own size, not what it keeps alive), reached from the roots.
/// A circuit's state is reachable along several paths (its host, its connection, its DI scope), so no walk can
/// attribute it to one owner; the per-circuit column divides by the number of circuit hosts, and two censuses at
/// different circuit counts, subtracted, give the cost of one circuit by type (docs/performance.md).
/// </summary>
public sealed class Census
{
    private readonly Dictionary<string, (long Count, long Bytes)> _byType = new(StringComparer.Ordinal);

    private Census()
    {
    }

    /// <summary>All live bytes.</summary>
    public long LiveBytes { get; private set; }

    /// <summary>For the types asked about: the chain of types from a root down to a few of their objects.</summary>
    public List<string> Paths { get; } = [];

    /// <summary>
    /// Walks from every root (depth first, with an explicit stack) and counts what it reaches; for the first
    /// <paramref name="pathsPerType"/> objects of each type in <paramref name="explain"/>, records how they are reached.
    /// </summary>
    public static Census Take(ClrHeap heap, IReadOnlyCollection<string> explain, int pathsPerType = 3)
    {
        var census = new Census();
        var parents = explain.Count > 0 ? new Dictionary<ulong, ulong>() : null;
        var explained = explain.ToDictionary(t => t, _ => 0, StringComparer.Ordinal);
        var seen = new HashSet<ulong>();
        var pending = new Stack<ulong>();
        foreach (var root in heap.EnumerateRoots())
        {
            if (root.Object.Address != 0 && seen.Add(root.Object.Address))
            {
                pending.Push(root.Object.Address);
            }
        }

        while (pending.Count > 0)
        {
            var live = heap.GetObject(pending.Pop());
            if (!live.IsValid || live.Type is null)
            {
                continue;
            }

            var type = live.Type.Name ?? "?";
            census.Add(type, (long)live.Size);
            if (parents is not null && explained.TryGetValue(type, out var done) && done < pathsPerType)
            {
                explained[type] = done + 1;
                census.Paths.Add(PathTo(heap, parents, live.Address));
            }

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

        return census;
    }

    /// <summary>The <paramref name="top"/> types by live bytes, with each divided by the objects of <paramref name="perType"/>.</summary>
    public string Report(int top, string perType)
    {
        var per = _byType.TryGetValue(perType, out var owners) ? owners.Count : 0;
        var name = perType[(perType.LastIndexOf('.') + 1)..];
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"live {Mb(LiveBytes)}; {per:N0} × {perType}");
        report.AppendLine().AppendLine(per > 0 ? $"| live bytes | count | per {name} | type |" : "| live bytes | count | | type |");
        report.AppendLine("| ---: | ---: | ---: | --- |");
        foreach (var (type, (objects, bytes)) in _byType.OrderByDescending(t => t.Value.Bytes).Take(top))
        {
            var share = per > 0 ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)per:N0} B") : "";
            report.AppendLine(CultureInfo.InvariantCulture, $"| {bytes:N0} | {objects:N0} | {share} | `{type}` |");
        }

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

    private void Add(string type, long bytes)
    {
        LiveBytes += bytes;
        _byType[type] = _byType.TryGetValue(type, out var sum) ? (sum.Count + 1, sum.Bytes + bytes) : (1, bytes);
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

    private static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024:N1} MB");
}
