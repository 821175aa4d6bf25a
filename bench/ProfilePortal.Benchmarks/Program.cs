using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// In-process: the benchmark shares the database file and the warmed EF model with its setup, and needs no
// generated project (which central package management would refuse).
var config = DefaultConfig.Instance
    .AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance));
BenchmarkSwitcher.FromAssembly(typeof(ProfilePortal.Benchmarks.ProfilePageBenchmarks).Assembly).Run(args, config);
