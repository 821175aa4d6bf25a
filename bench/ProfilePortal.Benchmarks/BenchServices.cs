using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ProfilePortal.Domain;
using ProfilePortal.Infrastructure;
using ProfilePortal.Infrastructure.Persistence;

namespace ProfilePortal.Benchmarks;

/// <summary>The portal's domain and infrastructure over a benchmark database, with the clock at <see cref="BenchDatabase.Now"/>.</summary>
internal static class BenchServices
{
    public static ServiceProvider Create(IInterceptor? interceptor = null) =>
        Create(BenchDatabase.ConnectionString, services =>
        {
            if (interceptor is not null)
            {
                services.AddSingleton(interceptor);
            }
        });

    /// <summary>
    /// The services over <paramref name="connectionString"/>; <paramref name="configure"/> runs after the portal's
    /// own registrations, so it can add interceptors or wrap a service.
    /// </summary>
    public static ServiceProvider Create(string connectionString, Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Portal"] = connectionString })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddMetrics();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(BenchDatabase.Now));
        services.AddDomain();
        services.AddInfrastructure(configuration, new BenchHostEnvironment());
        configure?.Invoke(services);
        return services.BuildServiceProvider();
    }

    public static async Task PrepareDatabaseAsync()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(BenchDatabase.Path)!);
        Console.WriteLine($"Database {BenchDatabase.Path}");
        await using var services = Create();
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        BenchDatabase.Fill();
    }
}
