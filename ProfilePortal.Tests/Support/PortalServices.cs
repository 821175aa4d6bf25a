using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using ProfilePortal.Domain;
using ProfilePortal.Infrastructure;
using ProfilePortal.Infrastructure.Persistence;

namespace ProfilePortal.Tests.Support;

/// <summary>
/// The domain and infrastructure services over a real SQLite file database of their own, migrated, with a
/// <see cref="FakeTimeProvider"/>. One per test class (xunit class fixture); the file is deleted afterwards.
/// </summary>
public class PortalServices : IAsyncLifetime
{
    private readonly TemporaryDirectory _directory = new();
    private ServiceProvider? _provider;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    public IServiceProvider Services => _provider ?? throw new InvalidOperationException("Not initialized.");

    public string ConnectionString => $"Data Source={Path.Combine(_directory.Path, "portal.db")}";

    public virtual async Task InitializeAsync()
    {
        _provider = BuildInstance();
        await _provider.GetRequiredService<DatabaseMigrator>().MigrateAsync();
    }

    /// <summary>
    /// An app node over this fixture's database and clock, with singletons (caches) of its own: the fixture's
    /// <see cref="Services"/> are one, a test builds another to see what a second instance sees. The caller disposes it.
    /// </summary>
    public ServiceProvider BuildInstance()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Sqlite",
                ["ConnectionStrings:Portal"] = ConnectionString,
                // Quota packs are on sale only while the payments UI is on.
                ["FeatureManagement:PaymentsUi"] = "true",
                // Trials are offered to everyone unless a test narrows the rollout.
                ["FeatureManagement:Trials"] = "true",
            })
            .AddInMemoryCollection(Settings)
            .Build();

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging => logging.AddProvider(NullLoggerProvider.Instance));
        services.AddSingleton<TimeProvider>(Clock);
        services.AddMetrics();
        services.AddDomain();
        services.AddInfrastructure(configuration, new TestHostEnvironment(_directory.Path));
        ConfigureServices(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    /// <summary>Extra configuration for a fixture that needs it.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>();

    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Runs <paramref name="action"/> in a fresh DI scope (Identity's managers are scoped).</summary>
    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    public virtual async Task DisposeAsync()
    {
        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }

        _directory.Dispose();
    }
}

/// <summary>A host environment for building the services outside a web host.</summary>
internal sealed class TestHostEnvironment(string contentRoot) : IHostEnvironment
{
    public string EnvironmentName { get; set; } = "Testing";

    public string ApplicationName { get; set; } = "ProfilePortal";

    public string ContentRootPath { get; set; } = contentRoot;

    public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } =
        new Microsoft.Extensions.FileProviders.NullFileProvider();
}
