using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using ProfilePortal.Benchmarks;

// BenchmarkDotNet's --filter patterns pick the benchmarks; the renewal sweep is a harness of its own
// (RenewalSweep explains why) and answers to the same patterns under RenewalSweep.Name.
var filters = BenchFilters.Parse(args);
var listing = args.Contains("--list", StringComparer.OrdinalIgnoreCase);
var runRenewals = filters.Selects(RenewalSweep.Name);
var runBenchmarkDotNet = filters.IsEmpty || filters.SelectsAny(typeof(ProfilePageBenchmarks).Assembly);

if (listing && (runRenewals || filters.IsEmpty))
{
    Console.WriteLine(RenewalSweep.Name);
}
else if (runRenewals)
{
    await RenewalSweep.RunAsync();
}

if (runBenchmarkDotNet)
{
    if (!listing)
    {
        // The large database is built (once, then reused) before BenchmarkDotNet starts timing anything.
        await BenchServices.PrepareDatabaseAsync();
    }

    // In-process: the benchmark shares the database file with its setup and needs no generated project (which
    // central package management would refuse). The timeout covers the slow first run on a cold file cache.
    var config = DefaultConfig.Instance
        .AddJob(Job.Default.WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: true)));
    BenchmarkSwitcher.FromAssembly(typeof(ProfilePageBenchmarks).Assembly).Run(args, config);
}
