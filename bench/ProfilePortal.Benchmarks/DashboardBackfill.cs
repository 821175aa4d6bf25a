using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Domain.Dashboards;

namespace ProfilePortal.Benchmarks;

/// <summary>
/// The dashboard rollup's first run over the <see cref="DashboardDatabase"/>: every figure removed, then
/// <see cref="DashboardRollup.RunAsync"/> backfills <c>BackfillDays</c> (366) days from a year of events, timed with
/// a stopwatch <c>BENCH_DASHBOARD_BACKFILL_RUNS</c> times (default 1: it happens once in a portal's life, and
/// BenchmarkDotNet's statistics want many iterations). Then one hourly run (35 days) with every SQL command timed,
/// to show where a run's time goes, and SQLite's plan for each distinct command.
/// </summary>
internal static class DashboardBackfill
{
    /// <summary>The name <c>--filter</c> patterns are matched against, like BenchmarkDotNet's full names.</summary>
    public const string Name = "ProfilePortal.Benchmarks.DashboardBackfill.RunAsync";

    public static async Task RunAsync()
    {
        await DashboardDatabase.BuildAsync();
        var runs = BenchDatabase.Setting("BENCH_DASHBOARD_BACKFILL_RUNS", 1);
        Console.WriteLine();
        Console.WriteLine($"Dashboard rollup, first-run backfill over {DashboardDatabase.Subscriptions:N0} subscriptions ({runs} run(s))");
        CommandProfile? profile = null;
        for (var run = 1; run <= runs; run++)
        {
            using (var connection = new SqliteConnection(DashboardDatabase.ConnectionString))
            {
                connection.Open();
                BenchDatabase.Execute(connection, "DELETE FROM DailyMetrics");
            }

            profile = new CommandProfile();
            await using var services = BenchServices.Create(DashboardDatabase.ConnectionString, s => s.AddSingleton<IInterceptor>(profile));
            var rollup = services.GetRequiredService<DashboardRollup>();
            var clock = Stopwatch.StartNew();
            var result = await rollup.RunAsync();
            clock.Stop();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  Backfill run {run}: {clock.Elapsed.TotalSeconds:F1} s for {result.From:yyyy-MM-dd} to {result.To:yyyy-MM-dd}, {result.Written:N0} figures written, {profile.Commands:N0} SQL commands"));
        }

        profile!.Print("Backfill, by command (the last run; time from execution until the reader is closed)");

        var hourly = new CommandProfile();
        await using (var services = BenchServices.Create(DashboardDatabase.ConnectionString, s => s.AddSingleton<IInterceptor>(hourly)))
        {
            var clock = Stopwatch.StartNew();
            var result = await services.GetRequiredService<DashboardRollup>().RunAsync();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  Hourly run after it: {clock.Elapsed.TotalSeconds:F2} s for {result.From:yyyy-MM-dd} to {result.To:yyyy-MM-dd}, {result.Written:N0} figures written, {hourly.Commands:N0} SQL commands"));
        }

        hourly.Print("Hourly run, by command");
        hourly.PrintPlans(DashboardDatabase.ConnectionString);
    }

    /// <summary>Times every SQL command EF Core sends, by its text, and keeps one set of its parameters.</summary>
    private sealed class CommandProfile : DbCommandInterceptor
    {
        private readonly ConcurrentDictionary<string, (long Ticks, int Count, (string Name, object Value)[] Parameters)> _byText = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<DbCommand, long> _started = new();

        public int Commands => _byText.Values.Sum(v => v.Count);

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            _started[command] = Stopwatch.GetTimestamp();
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override InterceptionResult DataReaderClosing(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
        {
            Stop(command);
            return base.DataReaderClosing(command, eventData, result);
        }

        public override ValueTask<InterceptionResult> DataReaderClosingAsync(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
        {
            Stop(command);
            return base.DataReaderClosingAsync(command, eventData, result);
        }

        public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
        {
            Stop(command);
            return base.DataReaderDisposing(command, eventData, result);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            _started[command] = Stopwatch.GetTimestamp();
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            Stop(command);
            return base.NonQueryExecutedAsync(command, eventData, result, cancellationToken);
        }

        private void Stop(DbCommand command)
        {
            if (!_started.TryRemove(command, out var started))
            {
                return;
            }

            var ticks = Stopwatch.GetTimestamp() - started;
            var parameters = command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.Value ?? DBNull.Value)).ToArray();
            _byText.AddOrUpdate(command.CommandText, _ => (ticks, 1, parameters), (_, v) => (v.Ticks + ticks, v.Count + 1, v.Parameters));
        }

        public void Print(string title)
        {
            Console.WriteLine($"  {title}:");
            foreach (var (text, (ticks, count, _)) in _byText.OrderByDescending(c => c.Value.Ticks).Take(12))
            {
                var ms = ticks * 1000.0 / Stopwatch.Frequency;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"    {ms,9:F0} ms {count,6:N0} × {ms / count,8:F2} ms  {OneLine(text)}"));
            }
        }

        /// <summary>SQLite's EXPLAIN QUERY PLAN of every distinct read, with the parameters it last ran with.</summary>
        public void PrintPlans(string connectionString)
        {
            using var connection = new SqliteConnection(connectionString);
            connection.Open();
            // The function EF Core's SQLite provider registers to compare decimals stored as text.
            connection.CreateFunction("ef_compare", (string? left, string? right) =>
                left is null || right is null ? (int?)null : decimal.Parse(left, CultureInfo.InvariantCulture).CompareTo(decimal.Parse(right, CultureInfo.InvariantCulture)));
            Console.WriteLine("  Query plans:");
            foreach (var (text, (_, _, parameters)) in _byText.Where(c => c.Key.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)))
            {
                using var explain = connection.CreateCommand();
                explain.CommandText = "EXPLAIN QUERY PLAN " + text;
                foreach (var (name, value) in parameters)
                {
                    explain.Parameters.AddWithValue(name, value);
                }

                using var reader = explain.ExecuteReader();
                var steps = new List<string>();
                while (reader.Read())
                {
                    steps.Add(reader.GetString(3));
                }

                Console.WriteLine($"    {OneLine(text)}");
                Console.WriteLine($"      → {string.Join(" | ", steps)}");
            }
        }

        private static string OneLine(string sql)
        {
            var line = string.Join(' ', sql.Split((char[])['\r', '\n', ' '], StringSplitOptions.RemoveEmptyEntries));
            return line.Length > 260 ? line[..260] + "…" : line;
        }
    }
}
