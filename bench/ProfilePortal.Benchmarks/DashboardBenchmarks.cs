using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Dashboards;

namespace ProfilePortal.Benchmarks;

/// <summary>
/// Rendering the admin dashboard for the last 365 days over the <see cref="DashboardDatabase"/> (1,000,000
/// subscriptions, a year of events): <see cref="DashboardQueries.LoadAsync"/>, the page's only database work, on the
/// figures a real backfill wrote. Two states of the figures: right after the first-run backfill (the snapshots —
/// MRR, active, trialing and paused by plan — exist for today only) and after a year of hourly runs (a snapshot on
/// every day, here today's copied back with a slow growth). Median and p95; beside it, the same query for the rows
/// without building the dashboard, to tell the read from the rest.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(MedianP95))]
public class DashboardBenchmarks
{
    private ServiceProvider _services = null!;
    private DashboardQueries _queries = null!;
    private DashboardPeriod _period = null!;

    public enum Figures
    {
        AfterBackfill,
        YearOfSnapshots,
    }

    [Params(Figures.AfterBackfill, Figures.YearOfSnapshots)]
    public Figures State { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        await DashboardDatabase.PrepareAsync();
        SetSnapshots(State == Figures.YearOfSnapshots);
        _services = BenchServices.Create(DashboardDatabase.ConnectionString);
        _queries = _services.GetRequiredService<DashboardQueries>();
        _period = DashboardPeriod.Last(365, DashboardDatabase.Today);
        var dashboard = (await _queries.LoadAsync(DashboardDatabase.AdminId, _period)).Value;
        Console.WriteLine($"Dashboard ({State}): {dashboard.Days.Count} days, {dashboard.ActiveByPlan.Count} plans, " +
            $"active at end {dashboard.Totals.ActiveAtEnd:N0}, new {dashboard.Totals.NewSubscriptions:N0}, trials {dashboard.Totals.TrialsStarted:N0}, " +
            $"charge errors {dashboard.Totals.ChargeErrors.Part:N0}/{dashboard.Totals.ChargeErrors.Whole:N0}, " +
            $"MRR days {(dashboard.Mrr.Count > 0 ? dashboard.Mrr[0].Values.Count(v => v is not null) : 0)}");
    }

    [Benchmark(Baseline = true, Description = "DashboardQueries.LoadAsync, 365 days")]
    public async Task<int> LoadYear() => (await _queries.LoadAsync(DashboardDatabase.AdminId, _period)).Value.Days.Count;

    /// <summary>The part of <see cref="LoadYear"/> that reads the figures: the same query, rows materialized, nothing built.</summary>
    [Benchmark(Description = "its DailyMetrics query alone")]
    public async Task<int> RowsOnly()
    {
        await using var db = await _services.GetRequiredService<IPortalDbContextFactory>().CreateAsync();
        var dayBefore = _period.From.AddDays(-1);
        var rows = await db.DailyMetrics.AsNoTracking().Where(m => m.Day >= dayBefore && m.Day <= _period.To).ToListAsync();
        return rows.Count;
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _services.DisposeAsync();

    /// <summary>
    /// Removes the snapshots of past days (the state right after a backfill) or writes one for every past day of the
    /// year from today's, scaled from 80 % a year ago to 100 % (the state after a year of hourly runs).
    /// </summary>
    internal static void SetSnapshots(bool everyDay)
    {
        using var connection = new SqliteConnection(DashboardDatabase.ConnectionString);
        connection.Open();
        var today = DashboardDatabase.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var snapshots = string.Join(", ", DashboardMetrics.Snapshots.Select(m => $"'{m}'"));
        BenchDatabase.Execute(connection, $"DELETE FROM DailyMetrics WHERE Day < '{today}' AND Metric IN ({snapshots})");
        if (!everyDay)
        {
            return;
        }

        var rows = new List<(string Metric, string Dimension, decimal Value)>();
        using (var read = connection.CreateCommand())
        {
            read.CommandText = $"SELECT Metric, Dimension, Value FROM DailyMetrics WHERE Day = '{today}' AND Metric IN ({snapshots})";
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                rows.Add((reader.GetString(0), reader.GetString(1), reader.GetDecimal(2)));
            }
        }

        using var transaction = connection.BeginTransaction();
        using var insert = BenchDatabase.Prepare(connection, transaction,
            "INSERT INTO DailyMetrics (Day, Metric, Dimension, Value, ComputedAt) VALUES ($day, $metric, $dimension, $value, $at)",
            "$day", "$metric", "$dimension", "$value", "$at");
        for (var back = 1; back <= 366; back++)
        {
            var day = DashboardDatabase.Today.AddDays(-back);
            var scale = 1m - (0.2m * back / 366);
            var at = BenchDatabase.Instant.ConvertToProvider(DashboardDays.Start(day).AddHours(23).AddMinutes(30))!;
            foreach (var (metric, dimension, value) in rows)
            {
                var scaled = metric == DashboardMetrics.Mrr ? decimal.Round(value * scale, 2) : decimal.Round(value * scale);
                BenchDatabase.Run(insert, day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), metric, dimension,
                    DashboardDatabase.Decimal(scaled), at);
            }
        }

        transaction.Commit();
    }
}

/// <summary>
/// The hourly rollup run over the <see cref="DashboardDatabase"/>: <see cref="DashboardRollup.RunAsync"/> with
/// figures already stored, so it recomputes the last <c>RecomputeDays</c> (35) days from the full event tables and
/// takes today's snapshot of the 1,000,000 subscriptions. Each run finds the figures it would write already there
/// (the events do not change between runs), so it measures the reads and the comparison, plus a near-empty save.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(MedianP95))]
[WarmupCount(1)]
[IterationCount(10)]
[InvocationCount(1, 1)]
public class DashboardRollupBenchmarks
{
    private ServiceProvider _services = null!;
    private DashboardRollup _rollup = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        await DashboardDatabase.PrepareAsync();
        _services = BenchServices.Create(DashboardDatabase.ConnectionString);
        _rollup = _services.GetRequiredService<DashboardRollup>();
        var result = await _rollup.RunAsync();
        Console.WriteLine($"Hourly run: {result}");
    }

    [Benchmark(Description = "DashboardRollup.RunAsync, hourly (35 days)")]
    public async Task<int> HourlyRun() => (await _rollup.RunAsync()).Written;

    [GlobalCleanup]
    public async Task CleanupAsync() => await _services.DisposeAsync();
}

internal sealed class MedianP95 : ManualConfig
{
    public MedianP95() => AddColumn(StatisticColumn.Median, StatisticColumn.P95);
}
