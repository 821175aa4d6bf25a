using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using ProfilePortal.Benchmarks;

// The large database is built (once, then reused) before BenchmarkDotNet starts timing anything.
await BenchServices.PrepareDatabaseAsync();

// In-process: the benchmark shares the database file with its setup and needs no generated project (which
// central package management would refuse). The timeout covers the slow first run on a cold file cache.
var config = DefaultConfig.Instance
    .AddJob(Job.Default.WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: true)));
BenchmarkSwitcher.FromAssembly(typeof(ProfilePageBenchmarks).Assembly).Run(args, config);
