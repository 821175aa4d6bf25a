using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ProfilePortal.Domain.Profile;
using ProfilePortal.Domain.Quotas;

namespace ProfilePortal.Benchmarks;

/// <summary>
/// Loading the whole profile page (profile, quota, activity) for one user of a large database: the portal's
/// ProfileService against hand-written SQL over the same indexes. The quota cache is dropped before every
/// call, so both sides hit the database for everything.
/// </summary>
[MemoryDiagnoser]
public class ProfilePageBenchmarks
{
    private const int SampleSize = 256;
    private readonly CommandCounter _commands = new();
    private ServiceProvider _services = null!;
    private ProfileService _profiles = null!;
    private QuotaService _quotas = null!;
    private SqliteConnection _connection = null!;
    private (Guid User, Guid Organization)[] _sample = [];
    private int _next;
    private int _windowDays;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _services = BenchServices.Create(_commands);
        _profiles = _services.GetRequiredService<ProfileService>();
        _quotas = _services.GetRequiredService<QuotaService>();
        _windowDays = _services.GetRequiredService<IOptions<ProfileOptions>>().Value.ActivityWindowDays;
        _connection = new SqliteConnection(BenchDatabase.ConnectionString);
        await _connection.OpenAsync();
        var random = new Random(7);
        // Half the page views come from the busiest tenth of the users, who have the most events to read.
        _sample = [.. Enumerable.Range(0, SampleSize)
            .Select(n => random.Next(n % 2 == 0 ? Math.Max(1, BenchDatabase.Users / 10) : BenchDatabase.Users))
            .Select(i => (BenchDatabase.UserId(i), BenchDatabase.OrganizationId(i)))];

        await CheckRoundTripsAsync();
    }

    [Benchmark(Baseline = true, Description = "Hand-written SQL (3 queries)")]
    public Task<int> HandWrittenSql()
    {
        var (user, _) = Next();
        return HandWrittenProfileQueries.LoadAsync(_connection, user, BenchDatabase.Now, _windowDays, 10);
    }

    [Benchmark(Description = "ProfileService.LoadPageAsync")]
    public async Task<int> ProfileServiceLoadPage()
    {
        var (user, organization) = Next();
        await _quotas.InvalidateAsync(organization);
        var page = await _profiles.LoadPageAsync(user);
        return page.Value.Activity.Count + page.Value.Quota.Used;
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _connection.DisposeAsync();
        await _services.DisposeAsync();
    }

    private (Guid User, Guid Organization) Next() => _sample[_next++ % _sample.Length];

    // The budget of the issue: at most three round trips for the whole page, with a cold quota cache.
    private async Task CheckRoundTripsAsync()
    {
        var (user, organization) = _sample[0];
        await _profiles.LoadPageAsync(user);
        await _quotas.InvalidateAsync(organization);
        _commands.Reset();
        var page = await _profiles.LoadPageAsync(user);
        Console.WriteLine($"Round trips for one page load: {_commands.Count} (quota {page.Value.Quota.Used}/{page.Value.Quota.Limit}, {page.Value.Activity.Count} activity rows)");
        if (_commands.Count > 3)
        {
            throw new InvalidOperationException($"The profile page took {_commands.Count} round trips; the budget is 3.");
        }
    }
}
