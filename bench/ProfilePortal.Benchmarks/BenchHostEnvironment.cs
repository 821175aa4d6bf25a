using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace ProfilePortal.Benchmarks;

internal sealed class BenchHostEnvironment : IHostEnvironment
{
    public string EnvironmentName { get; set; } = "Benchmark";

    public string ApplicationName { get; set; } = "ProfilePortal.Benchmarks";

    public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

    public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
}
