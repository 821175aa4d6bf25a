using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Domain.Admin;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Infrastructure.Identity;

namespace ProfilePortal.Benchmarks;

/// <summary>
/// The admins' customer search over 1,000,000 customers: a prefix search (email, names, company, organization; first
/// page by email) and a page of the whole list sorted by name, each through <see cref="CustomerDirectory"/> against
/// hand-written SQL over the same indexes (<see cref="HandWrittenCustomerSearch"/>). Median, p95 and the ratio to
/// the hand-written query per category.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Columns))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class CustomerSearchBenchmarks
{
    private const int PageSize = 20;

    // The admin role is checked on every call: customer number 0 holds it for the run.
    private static readonly Guid AdminId = BenchDatabase.UserId(0);
    private ServiceProvider _services = null!;
    private CustomerDirectory _directory = null!;
    private SqliteConnection _connection = null!;
    private Guid _adminId;
    private string[] _prefixes = [];
    private int[] _pages = [];
    private int _next;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        await CustomerSearchDatabase.PrepareAsync();
        _services = BenchServices.Create(CustomerSearchDatabase.ConnectionString);
        _directory = _services.GetRequiredService<CustomerDirectory>();
        await using (var scope = _services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AdminBootstrapper>().EnsureAdminAsync();
        }

        _connection = new SqliteConnection(CustomerSearchDatabase.ConnectionString);
        await _connection.OpenAsync();
        _adminId = AdminId;
        BenchDatabase.Execute(_connection,
            $"INSERT OR IGNORE INTO AspNetUserRoles (UserId, RoleId) SELECT '{BenchDatabase.Text(AdminId)}', Id FROM AspNetRoles WHERE Name = '{Roles.Admin}'");
        var random = new Random(11);
        // Prefixes as admins type them: a last name and the start of its number, a first name, an email, a company.
        _prefixes = [.. Enumerable.Range(0, 256).Select(n => random.Next(BenchDatabase.Users)).Select((i, n) => (n % 4) switch
        {
            0 => CustomerSearchDatabase.LastName(i)[..^1],
            1 => CustomerSearchDatabase.Email(i)[..(CustomerSearchDatabase.Email(i).IndexOf('@', StringComparison.Ordinal) - 1)],
            2 => CustomerSearchDatabase.Company(i),
            _ => CustomerSearchDatabase.LastName(i),
        })];
        _pages = [.. Enumerable.Range(0, 256).Select(_ => random.Next(50))];

        var service = await _directory.SearchAsync(_adminId, new CustomerQuery(_prefixes[0], PageSize: PageSize));
        var sql = await HandWrittenCustomerSearch.PrefixAsync(_connection, _prefixes[0], PageSize);
        Console.WriteLine($"Prefix '{_prefixes[0]}': service {service.Value.Total} matches, SQL {sql} matches");
    }

    [Benchmark(Baseline = true, Description = "Hand-written SQL")]
    [BenchmarkCategory("Prefix search")]
    public Task<int> PrefixSql() => HandWrittenCustomerSearch.PrefixAsync(_connection, _prefixes[_next++ % _prefixes.Length], PageSize);

    [Benchmark(Description = "CustomerDirectory.SearchAsync")]
    [BenchmarkCategory("Prefix search")]
    public async Task<int> PrefixService() =>
        (await _directory.SearchAsync(_adminId, new CustomerQuery(_prefixes[_next++ % _prefixes.Length], PageSize: PageSize))).Value.Total;

    [Benchmark(Baseline = true, Description = "Hand-written SQL")]
    [BenchmarkCategory("Sorted page")]
    public Task<int> SortedSql() => HandWrittenCustomerSearch.SortedPageAsync(_connection, _pages[_next++ % _pages.Length], PageSize);

    [Benchmark(Description = "CustomerDirectory.SearchAsync")]
    [BenchmarkCategory("Sorted page")]
    public async Task<int> SortedService() =>
        (await _directory.SearchAsync(_adminId, new CustomerQuery(null, CustomerSort.Name, false, _pages[_next++ % _pages.Length], PageSize))).Value.Total;

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _connection.DisposeAsync();
        await _services.DisposeAsync();
    }

    private sealed class Columns : ManualConfig
    {
        public Columns() => AddColumn(StatisticColumn.Median, StatisticColumn.P95);
    }
}
