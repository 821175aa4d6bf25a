using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Runtime;

namespace ProfilePortal.HeapCensus;

/// <summary>
/// <c>HeapCensus --pid N [--top 40] [--per TYPE] [--paths TYPE,TYPE] [--strings N] [--keep-dump]</c>: dumps the
/// process with its heap (the diagnostics IPC channel of a .NET process of the same user on this machine), walks the
/// objects reachable from its roots and prints the types holding the most live bytes, each also divided by the
/// number of <c>--per</c> objects (default: Blazor's circuit host); for each type in <c>--paths</c>, how a few of its
/// objects are reached from a root; <c>--strings N</c> adds the N texts whose copies take the most bytes (the same
/// text held many times is a sign of per-circuit copies).
/// </summary>
public static class Program
{
    private const string CircuitHost = "Microsoft.AspNetCore.Components.Server.Circuits.CircuitHost";

    /// <summary>Runs the census.</summary>
    public static int Main(string[] args)
    {
        var options = Options(args);
        if (!options.TryGetValue("pid", out var pidText))
        {
            Console.Error.WriteLine("usage: HeapCensus --pid N [--top 40] [--per TYPE] [--paths TYPE,TYPE] [--strings N] [--keep-dump]");
            return 2;
        }

        var pid = int.Parse(pidText, CultureInfo.InvariantCulture);
        var top = int.Parse(options.GetValueOrDefault("top", "40"), CultureInfo.InvariantCulture);
        var per = options.GetValueOrDefault("per", CircuitHost);
        var dump = Path.Combine(Path.GetTempPath(), $"heap-census-{pid}-{DateTime.UtcNow:yyyyMMddHHmmss}.dmp");
        new DiagnosticsClient(pid).WriteDump(DumpType.WithHeap, dump, logDumpGeneration: false);
        try
        {
            using var target = DataTarget.LoadDump(dump);
            // The DAC next to the dumped runtime (same machine); ClrMD does not download one on Linux.
            var clr = target.ClrVersions.Single();
            var dac = Path.Combine(Path.GetDirectoryName(clr.ModuleInfo.FileName) ?? ".", "libmscordaccore.so");
            // The version check is skipped: a dump of a Linux process does not always carry the runtime's version.
            using var runtime = File.Exists(dac) ? clr.CreateRuntime(dac, ignoreMismatch: true) : clr.CreateRuntime();
            var explain = options.TryGetValue("paths", out var types) ? types.Split(',', StringSplitOptions.RemoveEmptyEntries) : [];
            var census = Census.Take(runtime.Heap, explain);
            Console.Write(census.Report(top, per));
            if (options.TryGetValue("strings", out var strings))
            {
                Console.Write(Census.RepeatedStrings(runtime.Heap, int.Parse(strings, CultureInfo.InvariantCulture)));
            }
        }
        finally
        {
            if (!options.ContainsKey("keep-dump"))
            {
                File.Delete(dump);
            }
        }

        return 0;
    }

    private static Dictionary<string, string> Options(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i].TrimStart('-');
            options[name] = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true";
        }

        return options;
    }
}
