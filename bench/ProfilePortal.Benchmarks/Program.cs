using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using ProfilePortal.Benchmarks;

// BenchmarkDotNet's --filter patterns pick the benchmarks; the sweeps are a harness of their own (SweepHarness
// explains why) and answer to the same patterns under their names.
var filters = BenchFilters.Parse(args);
var listing = args.Contains("--list", StringComparer.OrdinalIgnoreCase);
var runBenchmarkDotNet = filters.IsEmpty || filters.SelectsAny(typeof(ProfilePageBenchmarks).Assembly);
(string Name, Func<Task> RunAsync)[] sweeps =
[
    (RenewalSweep.Name, RenewalSweep.RunAsync),
    (TrialSweeps.ConversionName, TrialSweeps.ConversionAsync),
    (TrialSweeps.RemindersName, TrialSweeps.RemindersAsync),
    (DashboardBackfill.Name, DashboardBackfill.RunAsync),
];

foreach (var (name, runAsync) in sweeps)
{
    if (listing && (filters.IsEmpty || filters.Selects(name)))
    {
        Console.WriteLine(name);
    }
    else if (!listing && filters.Selects(name))
    {
        await runAsync();
    }
}

if (runBenchmarkDotNet)
{
    if (!listing && filters.SelectsAny(typeof(ProfilePageBenchmarks)))
    {
        // The profile page's large database is built (once, then reused) before BenchmarkDotNet starts timing
        // anything; other benchmarks build their own databases.
        await BenchServices.PrepareDatabaseAsync();
    }

    // In-process: the benchmark shares the database file with its setup and needs no generated project (which
    // central package management would refuse). The timeout covers the slow first run on a cold file cache.
    var config = DefaultConfig.Instance
        .AddJob(Job.Default.WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: true)));
    BenchmarkSwitcher.FromAssembly(typeof(ProfilePageBenchmarks).Assembly).Run(args, config);
}
