using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using ProfilePortal.Domain;
using ProfilePortal.Infrastructure;
using ProfilePortal.Infrastructure.Persistence;

namespace ProfilePortal.CircuitLoad;

/// <summary>
/// The driver's commands (run.sh runs them in order):
/// <c>seed --database FILE --customers N</c> migrates the SQLite database and creates the load customers;
/// <c>run --url URL --token TOKEN --cookies FILE --circuits 100,1000 [--idle-seconds 30] [--active 1000]
/// [--hold-seconds 60] [--server-pid PID] [--report FILE]</c> ramps;
/// <c>cookie --url URL --email EMAIL --cookies FILE</c> prints a load customer's <c>Cookie:</c> header value
/// (bench/Http/run.sh).
/// </summary>
public static class Program
{
    /// <summary>Runs one command.</summary>
    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0)
        {
            await Console.Error.WriteLineAsync("usage: CircuitLoad seed|run|cookie --option value ...");
            return 2;
        }

        var options = Options(args.Skip(1).ToArray());
        return args[0] switch
        {
            "seed" => await SeedAsync(options),
            "run" => await RunAsync(options),
            "cookie" => await CookieAsync(options),
            _ => 2,
        };
    }

    private static async Task<int> SeedAsync(Dictionary<string, string> options)
    {
        var count = int.Parse(options["customers"], CultureInfo.InvariantCulture);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Portal"] = $"Data Source={options["database"]}" })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddMetrics();
        services.AddSingleton(TimeProvider.System);
        services.AddDomain();
        services.AddInfrastructure(configuration, new SeedEnvironment());
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(30));
        var created = await LoadCustomers.EnsureAsync(provider, count, timeout.Token);
        Console.WriteLine($"{created:N0} load customers created, {count:N0} wanted.");
        return 0;
    }

    private static async Task<int> RunAsync(Dictionary<string, string> options)
    {
        var steps = options["circuits"].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var hold = TimeSpan.FromSeconds(int.Parse(options.GetValueOrDefault("hold-seconds", "60"), CultureInfo.InvariantCulture));
        var stepTimeout = TimeSpan.FromMinutes(int.Parse(options.GetValueOrDefault("step-minutes", "10"), CultureInfo.InvariantCulture));
        var idle = TimeSpan.FromSeconds(int.Parse(options.GetValueOrDefault("idle-seconds", "30"), CultureInfo.InvariantCulture));
        var load = new LoadOptions(new Uri(options["url"]), steps, hold, stepTimeout,
            int.Parse(options.GetValueOrDefault("start-concurrency", "32"), CultureInfo.InvariantCulture), options["token"], options["cookies"],
            int.Parse(options.GetValueOrDefault("active", "1000"), CultureInfo.InvariantCulture), idle,
            options.TryGetValue("server-pid", out var pid) ? int.Parse(pid, CultureInfo.InvariantCulture) : null);

        // The whole run is bounded: every step's ramp, idle wait and hold, plus a margin.
        using var timeout = new CancellationTokenSource((stepTimeout + idle + hold + TimeSpan.FromMinutes(2)) * steps.Length);
        var results = await LoadRun.RunAsync(load, Console.Out, timeout.Token);
        var report = LoadRun.Markdown(results);
        Console.WriteLine();
        Console.WriteLine(report);
        if (options.TryGetValue("report", out var path))
        {
            await File.WriteAllTextAsync(path, report);
        }

        return results.Count == steps.Length && results.All(r => r.Alive == r.Target) ? 0 : 1;
    }

    private static async Task<int> CookieAsync(Dictionary<string, string> options)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        Console.WriteLine(await SignedInCookie.HeaderValueAsync(new Uri(options["url"]), options["email"], options["cookies"], timeout.Token));
        return 0;
    }

    private static Dictionary<string, string> Options(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            options[args[i].TrimStart('-')] = args[i + 1];
        }

        return options;
    }

    private sealed class SeedEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Production";

        public string ApplicationName { get; set; } = "ProfilePortal.CircuitLoad";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
