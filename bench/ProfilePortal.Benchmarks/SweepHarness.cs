using System.Diagnostics;
using System.Globalization;
using System.Runtime;

namespace ProfilePortal.Benchmarks;

/// <summary>
/// The Stopwatch harness shared by the sweep benchmarks (renewals, trial conversions, trial reminders): each side
/// of a comparison runs a whole sweep on a fresh copy of a template, timed alone, with the process's peak working
/// set reset before it (Linux; elsewhere the peak is the process's so far) and the bytes the GC allocated during
/// it; runs alternate which side goes first, and the summary compares medians.
/// <para>
/// Not BenchmarkDotNet: one operation is a whole sweep (about a minute at 100,000 rows) that consumes its input,
/// so every run needs a fresh copy of a large file, and a handful of runs is all there is time for —
/// BenchmarkDotNet's statistics need many iterations, and its jitting stage would add an extra, unmeasured sweep
/// per case. Its peak memory is a per-process figure, and the in-process toolchain (needed here, see Program.cs)
/// shares one process between the cases.
/// </para>
/// </summary>
internal static class SweepHarness
{
    /// <summary>The size of the warm-up sweep of each side (JIT, EF Core's caches, the templates), not reported.</summary>
    private const int WarmupSize = 1_000;

    /// <summary>
    /// Runs a comparison: a warm-up sweep of each side on a small template, then <see cref="SweepComparison{TInputs}.Runs"/>
    /// rounds on the full one, alternating, each run on a fresh copy and checked after it; prints the summary and the
    /// ratio. Returns the full template's path.
    /// </summary>
    public static async Task<string> CompareAsync<TInputs>(SweepComparison<TInputs> comparison)
    {
        var size = comparison.Size;
        PrintHeader(comparison.Title, comparison.Runs);
        var digests = new Dictionary<int, string>();

        // Not reported: JIT, EF Core's model and query caches, the Razor templates, SQLite's statement caches.
        var warmupSize = Math.Min(WarmupSize, size);
        var warmup = await comparison.PrepareTemplateAsync(warmupSize);
        var inputs = await comparison.InputsAsync(warmup);
        await OnCopyAsync(comparison, warmup, warmupSize, digests, comparison.ServiceSide, connection => comparison.MeasureServiceAsync(connection, warmupSize));
        await OnCopyAsync(comparison, warmup, warmupSize, digests, comparison.HandWrittenSide, connection => comparison.MeasureHandWrittenAsync(connection, warmupSize, inputs));

        var template = await comparison.PrepareTemplateAsync(size);
        Console.WriteLine($"Template {template}");
        var results = await AlternateAsync(
            comparison.Runs,
            comparison.Unit,
            () => OnCopyAsync(comparison, template, size, digests, comparison.ServiceSide, connection => comparison.MeasureServiceAsync(connection, size)),
            () => OnCopyAsync(comparison, template, size, digests, comparison.HandWrittenSide, connection => comparison.MeasureHandWrittenAsync(connection, size, inputs)));

        var ratio = Summarize(comparison.Unit, comparison.ServiceSide, comparison.HandWrittenSide, results);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{size:N0} {comparison.Unit}; {comparison.ServiceSide} at {ratio:P0} of the hand-written rate (1/{1 / ratio:F1})" +
            $"{(comparison.Goal is { } goal ? $"; the issue asks for at least {goal:P0}" : string.Empty)}."));
        if (comparison.Goal is { } minimum)
        {
            Console.WriteLine(ratio >= minimum ? "Goal met." : $"Goal NOT met: the sweep is below {minimum:P0} of the raw rate.");
        }

        return template;
    }

    /// <summary>
    /// One measured sweep of <paramref name="side"/> on a fresh copy of <paramref name="template"/>, then the checks:
    /// the comparison's own, and that the copy holds the same rows as the first run of this size left, whichever
    /// side that was (<see cref="SweepComparison{TInputs}.Digest"/>).
    /// </summary>
    public static async Task<Measurement> OnCopyAsync<TInputs>(
        SweepComparison<TInputs> comparison, string template, int size, Dictionary<int, string> digests, string side, Func<string, Task<Measurement>> measure)
    {
        var path = comparison.RunCopyPath(size);
        SweepDatabase.CopyTemplate(template, path);
        var connectionString = SweepDatabase.ConnectionString(path);
        var measurement = await measure(connectionString);
        comparison.Verify(connectionString, size);
        var digest = comparison.Digest(connectionString);
        if (!digests.TryAdd(size, digest) && digests[size] != digest)
        {
            throw new InvalidOperationException(
                $"{side} left other rows than the first run of {size:N0}: {digest} against {digests[size]}. The two sides no longer do the same writes.");
        }

        return measurement;
    }

    /// <summary>The first line of a sweep's output: what it measures and on what.</summary>
    public static void PrintHeader(string what, int runs) =>
        Console.WriteLine($"{what}, {runs} run(s) of each side, {Environment.ProcessorCount} cores, {RuntimeDescription()}, load average {LoadAverage()}");

    /// <summary>
    /// <paramref name="runs"/> rounds of both sides, alternating which goes first (so neither always gets the
    /// quieter moment), each measurement printed as it comes.
    /// </summary>
    public static async Task<List<Measurement>> AlternateAsync(int runs, string unit, Func<Task<Measurement>> service, Func<Task<Measurement>> handWritten)
    {
        var results = new List<Measurement>();
        for (var run = 1; run <= runs; run++)
        {
            var serviceFirst = run % 2 == 0;
            if (serviceFirst)
            {
                results.Add(Report(run, unit, await service()));
            }

            results.Add(Report(run, unit, await handWritten()));
            if (!serviceFirst)
            {
                results.Add(Report(run, unit, await service()));
            }
        }

        return results;
    }

    /// <summary>Times one sweep of <paramref name="count"/> items after a full collection and a reset of the peak working set.</summary>
    public static async Task<Measurement> MeasureAsync(string side, int count, Func<Task> sweep)
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var peakReset = ResetPeakWorkingSet();
        var workingSetBefore = Environment.WorkingSet;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var collections = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var pausesBefore = GC.GetTotalPauseDuration();
        var loadBefore = LoadAverage();

        var clock = Stopwatch.StartNew();
        await sweep();
        clock.Stop();

        using var process = Process.GetCurrentProcess();
        return new Measurement(
            side,
            count,
            clock.Elapsed,
            process.PeakWorkingSet64,
            peakReset,
            workingSetBefore,
            GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore,
            (GC.CollectionCount(0) - collections.Item1, GC.CollectionCount(1) - collections.Item2, GC.CollectionCount(2) - collections.Item3),
            GC.GetTotalPauseDuration() - pausesBefore,
            $"{loadBefore} → {LoadAverage()}");
    }

    /// <summary>Prints one run's measurement; <paramref name="unit"/> names what is counted ("renewals").</summary>
    public static Measurement Report(int run, string unit, Measurement measurement)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  run {run}  {measurement.Side,-34} {measurement.Elapsed.TotalSeconds,7:F1} s  {measurement.PerSecond,8:N0} {unit}/s  " +
            $"peak WS {Megabytes(measurement.PeakWorkingSet),6} MB (from {Megabytes(measurement.WorkingSetBefore)} MB)  " +
            $"allocated {Megabytes(measurement.Allocated),7} MB  GC {measurement.Collections.Gen0}/{measurement.Collections.Gen1}/{measurement.Collections.Gen2} " +
            $"pauses {measurement.GcPauses.TotalSeconds:F1} s  load {measurement.Load}"));
        return measurement;
    }

    /// <summary>
    /// The summary table (medians of the rates and allocations, the largest peak working set) of the
    /// measurements whose side is <paramref name="serviceSide"/> against all the others (the hand-written side);
    /// returns the ratio of the service's rate to the hand-written one.
    /// </summary>
    public static double Summarize(string unit, string serviceSide, string handWrittenSide, IReadOnlyCollection<Measurement> results)
    {
        var service = results.Where(r => r.Side == serviceSide).ToList();
        var handWritten = results.Except(service).ToList();
        var serviceRate = Median(service.Select(r => r.PerSecond));
        var handWrittenRate = Median(handWritten.Select(r => r.PerSecond));
        var peakNote = results.All(r => r.PeakReset) ? "peak working set of the run" : "peak working set of the process so far (could not reset it)";
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            | side | {unit}/s (median of {service.Count}) | {peakNote} (max) | GC allocated per run (median) |
            | --- | --- | --- | --- |
            | {handWrittenSide} | {handWrittenRate:N0} | {Megabytes(handWritten.Max(r => r.PeakWorkingSet))} MB | {Megabytes((long)Median(handWritten.Select(r => (double)r.Allocated)))} MB |
            | {serviceSide} | {serviceRate:N0} | {Megabytes(service.Max(r => r.PeakWorkingSet))} MB | {Megabytes((long)Median(service.Select(r => (double)r.Allocated)))} MB |

            """));
        return serviceRate / handWrittenRate;
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>Linux keeps the peak resident set (VmHWM, which PeakWorkingSet64 reads) until "5" is written here.</summary>
    public static bool ResetPeakWorkingSet()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return false;
        }
    }

    public static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return "n/a";
        }
    }

    public static string RuntimeDescription() =>
        $"{System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, " +
        $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC";

    public static string Megabytes(long bytes) => (bytes / (1024.0 * 1024)).ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>One timed sweep: <see cref="Count"/> items (renewals, conversions, emails) by one side.</summary>
    public sealed record Measurement(
        string Side,
        int Count,
        TimeSpan Elapsed,
        long PeakWorkingSet,
        bool PeakReset,
        long WorkingSetBefore,
        long Allocated,
        (int Gen0, int Gen1, int Gen2) Collections,
        TimeSpan GcPauses,
        string Load)
    {
        public double PerSecond => Count / Elapsed.TotalSeconds;
    }
}

/// <summary>
/// A comparison of a service's sweep with the same work in hand-written SQL over <see cref="Size"/> rows:
/// the template of a size (built once, then reused), where a run's copy goes, what the hand-written side takes
/// from the portal (<typeparamref name="TInputs"/>: pre-rendered emails, batch sizes), each side's measured sweep
/// on a copy (given its connection string and size; it checks what the sweep returned), the checks of a copy
/// after a run and the digest of the rows both sides must leave alike.
/// </summary>
internal sealed record SweepComparison<TInputs>(
    string Title,
    string Unit,
    string ServiceSide,
    string HandWrittenSide,
    int Size,
    int Runs,
    Func<int, Task<string>> PrepareTemplateAsync,
    Func<int, string> RunCopyPath,
    Func<string, Task<TInputs>> InputsAsync,
    Func<string, int, Task<SweepHarness.Measurement>> MeasureServiceAsync,
    Func<string, int, TInputs, Task<SweepHarness.Measurement>> MeasureHandWrittenAsync,
    Action<string, int> Verify,
    Func<string, string> Digest,
    double? Goal = null);
