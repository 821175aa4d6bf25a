using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Notifications;
using ProfilePortal.Domain.Payments;
using ProfilePortal.Infrastructure.Payments.Sandbox;

namespace ProfilePortal.Benchmarks;

/// <summary>
/// The renewal sweep over many subscriptions due at once (issue 4): <see cref="RenewalService.RunAsync"/> with the
/// real services, the sandbox gateway and the receipts rendered, against the same database writes by hand
/// (<see cref="HandWrittenRenewals"/>), in the same process and the same run, alternating, each on a fresh copy
/// of the same template.
/// <para>
/// A plain Stopwatch harness rather than BenchmarkDotNet: one operation is a whole sweep (about a minute at
/// 100,000 subscriptions) that consumes its input, so every run needs a fresh copy of a large file, and a handful
/// of runs is all there is time for — BenchmarkDotNet's statistics need many iterations, and its jitting stage
/// would add an extra, unmeasured sweep per case. Its peak memory is a per-process figure, and the in-process
/// toolchain (needed here, see Program.cs) shares one process between the cases. So each run here is timed
/// alone, with the process's peak working set reset before it (Linux; elsewhere the peak is the process's so
/// far) and the bytes the GC allocated during it.
/// </para>
/// </summary>
internal static class RenewalSweep
{
    /// <summary>The name <c>--filter</c> patterns are matched against, like BenchmarkDotNet's full names.</summary>
    public const string Name = "ProfilePortal.Benchmarks.RenewalSweep.RunAsync";

    private const int WarmupOrganizations = 1_000;

    /// <summary>Measured runs of each side (<c>BENCH_RENEWAL_RUNS</c>, default 3).</summary>
    private static int Runs => BenchDatabase.Setting("BENCH_RENEWAL_RUNS", 3);

    /// <summary><c>BENCH_RENEWAL_PROFILE=1</c> adds an instrumented sweep that shows where its time goes.</summary>
    private static bool Profile => Environment.GetEnvironmentVariable("BENCH_RENEWAL_PROFILE") == "1";

    public static async Task RunAsync()
    {
        var organizations = RenewalDatabase.Organizations;
        Console.WriteLine($"Renewal sweep: {organizations:N0} subscriptions due at once, {Runs} run(s) of each side, " +
            $"{Environment.ProcessorCount} cores, {RuntimeDescription()}, load average {LoadAverage()}");

        // Not reported: JIT, EF Core's model and query caches, the Razor templates, SQLite's statement caches.
        var warmup = await RenewalDatabase.PrepareTemplateAsync(Math.Min(WarmupOrganizations, organizations));
        var inputs = await HandWrittenInputsAsync(warmup);
        await MeasureServiceAsync(warmup, Math.Min(WarmupOrganizations, organizations), profiler: null);
        MeasureHandWritten(warmup, Math.Min(WarmupOrganizations, organizations), inputs);

        Console.WriteLine($"Template {RenewalDatabase.TemplatePath(organizations)}");
        var template = await RenewalDatabase.PrepareTemplateAsync(organizations);
        var results = new List<Measurement>();
        for (var run = 1; run <= Runs; run++)
        {
            // Alternate which side goes first, so neither always gets the quieter moment.
            var serviceFirst = run % 2 == 0;
            if (serviceFirst)
            {
                results.Add(Report(run, await MeasureServiceAsync(template, organizations, profiler: null)));
            }

            results.Add(Report(run, MeasureHandWritten(template, organizations, inputs)));
            if (!serviceFirst)
            {
                results.Add(Report(run, await MeasureServiceAsync(template, organizations, profiler: null)));
            }
        }

        Summarize(organizations, results);

        if (Profile)
        {
            var profiler = new RenewalProfiler();
            var profiled = await MeasureServiceAsync(template, organizations, profiler);
            profiler.Print(profiled.Elapsed, organizations);
        }
    }

    private static async Task<Measurement> MeasureServiceAsync(string template, int organizations, RenewalProfiler? profiler)
    {
        var path = RunCopyPath(organizations);
        RenewalDatabase.CopyTemplate(template, path);
        var connectionString = RenewalDatabase.ConnectionString(path);
        // A provider per run: the sandbox gateway remembers every request id it answered, and each copy of the
        // template sends the same ones again.
        await using var services = BenchServices.Create(connectionString, profiler is null ? null : profiler.Attach);
        await using (var db = await services.GetRequiredService<IPortalDbContextFactory>().CreateAsync())
        {
            await db.Plans.AsNoTracking().CountAsync();
        }

        var renewals = services.GetRequiredService<RenewalService>();
        RenewalSweepResult? result = null;
        var measurement = await MeasureAsync("RenewalService.RunAsync", organizations, async () => result = await renewals.RunAsync());

        if (result is not { Renewed: var renewed, Declined: 0, Postponed: 0, Ended: 0 } || renewed != organizations)
        {
            throw new InvalidOperationException($"RenewalService.RunAsync returned {result}; expected {organizations:N0} renewed and nothing else.");
        }

        var charges = services.GetRequiredService<SandboxGateway>().Charges;
        if (charges.Count != organizations || charges.Select(c => c.InvoiceId).Distinct(StringComparer.Ordinal).Count() != organizations)
        {
            throw new InvalidOperationException($"The sandbox took {charges.Count:N0} charges; expected one for each of {organizations:N0} subscriptions.");
        }

        RenewalDatabase.VerifyRenewedOnce(connectionString, organizations);
        return measurement;
    }

    private static Measurement MeasureHandWritten(string template, int organizations, HandWrittenInputs inputs)
    {
        var path = RunCopyPath(organizations);
        RenewalDatabase.CopyTemplate(template, path);
        var connectionString = RenewalDatabase.ConnectionString(path);
        var renewed = 0;
        var measurement = MeasureAsync("Hand-written SQL", organizations, () =>
        {
            renewed = HandWrittenRenewals.Run(connectionString, BenchDatabase.Now, inputs.BatchSize, inputs.Receipts);
            return Task.CompletedTask;
        }).GetAwaiter().GetResult();

        if (renewed != organizations)
        {
            throw new InvalidOperationException($"The hand-written sweep renewed {renewed:N0}; expected {organizations:N0}.");
        }

        RenewalDatabase.VerifyRenewedOnce(connectionString, organizations);
        return measurement;
    }

    private static async Task<Measurement> MeasureAsync(string side, int organizations, Func<Task> sweep)
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
            organizations,
            clock.Elapsed,
            process.PeakWorkingSet64,
            peakReset,
            workingSetBefore,
            GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore,
            (GC.CollectionCount(0) - collections.Item1, GC.CollectionCount(1) - collections.Item2, GC.CollectionCount(2) - collections.Item3),
            GC.GetTotalPauseDuration() - pausesBefore,
            $"{loadBefore} → {LoadAverage()}");
    }

    /// <summary>
    /// What the hand-written side takes from the portal's configuration: the batch size, and the receipts it copies,
    /// rendered once per language by the real renderer.
    /// </summary>
    private static async Task<HandWrittenInputs> HandWrittenInputsAsync(string template)
    {
        await using var services = BenchServices.Create(RenewalDatabase.ConnectionString(template));
        var renderer = services.GetRequiredService<IEmailRenderer>();
        var options = services.GetRequiredService<IOptions<BillingOptions>>().Value;
        var links = services.GetRequiredService<IOptions<PortalLinkOptions>>().Value;
        var now = BenchDatabase.Now;
        var model = new PaymentReceiptModel(
            "First12345 Last12345", "R-20261123-0193A5F1", "ProfilePortal: Monthly, renewal", new Money(3900m, Money.Rub),
            now.ToOffset(TimeSpan.FromHours(3)), "•••• 4242", now.AddMinutes(-5).ToOffset(TimeSpan.FromHours(3)),
            now.AddMonths(1).AddMinutes(-5).ToOffset(TimeSpan.FromHours(3)),
            links.Link($"billing/receipts/{Guid.CreateVersion7(now)}"));
        var receipts = new Dictionary<string, RenderedEmail>(StringComparer.Ordinal);
        foreach (var language in new[] { "ru", "en" })
        {
            receipts[language] = await renderer.RenderAsync(model, language);
        }

        return new HandWrittenInputs(receipts, options.RenewalBatchSize);
    }

    private static Measurement Report(int run, Measurement measurement)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  run {run}  {measurement.Side,-24} {measurement.Elapsed.TotalSeconds,7:F1} s  {measurement.RenewalsPerSecond,8:N0} renewals/s  " +
            $"peak WS {Megabytes(measurement.PeakWorkingSet),6} MB (from {Megabytes(measurement.WorkingSetBefore)} MB)  " +
            $"allocated {Megabytes(measurement.Allocated),7} MB  GC {measurement.Collections.Gen0}/{measurement.Collections.Gen1}/{measurement.Collections.Gen2} " +
            $"pauses {measurement.GcPauses.TotalSeconds:F1} s  load {measurement.Load}"));
        return measurement;
    }

    private static void Summarize(int organizations, List<Measurement> results)
    {
        var service = results.Where(r => r.Side.StartsWith("RenewalService", StringComparison.Ordinal)).ToList();
        var handWritten = results.Except(service).ToList();
        var serviceRate = Median(service.Select(r => r.RenewalsPerSecond));
        var handWrittenRate = Median(handWritten.Select(r => r.RenewalsPerSecond));
        var ratio = serviceRate / handWrittenRate;
        var peakNote = results.All(r => r.PeakReset) ? "peak working set of the run" : "peak working set of the process so far (could not reset it)";
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            | side | renewals/s (median of {results.Count / 2}) | {peakNote} (max) | GC allocated per run (median) |
            | --- | --- | --- | --- |
            | Hand-written SQL | {handWrittenRate:N0} | {Megabytes(handWritten.Max(r => r.PeakWorkingSet))} MB | {Megabytes((long)Median(handWritten.Select(r => (double)r.Allocated)))} MB |
            | RenewalService.RunAsync | {serviceRate:N0} | {Megabytes(service.Max(r => r.PeakWorkingSet))} MB | {Megabytes((long)Median(service.Select(r => (double)r.Allocated)))} MB |

            {organizations:N0} subscriptions; RenewalService at {ratio:P0} of the hand-written rate (1/{1 / ratio:F1}); the issue asks for at least 33 %.
            """));
        Console.WriteLine(ratio >= 1.0 / 3 ? "Goal met." : "Goal NOT met: the sweep is below a third of the raw rate.");
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string RunCopyPath(int organizations) =>
        Path.Combine(BenchDatabase.DataDirectory, $"renewal-{organizations}-run.db");

    /// <summary>Linux keeps the peak resident set (VmHWM, which PeakWorkingSet64 reads) until "5" is written here.</summary>
    private static bool ResetPeakWorkingSet()
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

    private static string LoadAverage()
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

    private static string RuntimeDescription() =>
        $"{System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, " +
        $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC";

    private static string Megabytes(long bytes) => (bytes / (1024.0 * 1024)).ToString("N0", CultureInfo.InvariantCulture);

    private sealed record HandWrittenInputs(IReadOnlyDictionary<string, RenderedEmail> Receipts, int BatchSize);

    private sealed record Measurement(
        string Side,
        int Renewals,
        TimeSpan Elapsed,
        long PeakWorkingSet,
        bool PeakReset,
        long WorkingSetBefore,
        long Allocated,
        (int Gen0, int Gen1, int Gen2) Collections,
        TimeSpan GcPauses,
        string Load)
    {
        public double RenewalsPerSecond => Renewals / Elapsed.TotalSeconds;
    }
}
