using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Domain.Notifications;
using ProfilePortal.Domain.Payments;

namespace ProfilePortal.Benchmarks;

/// <summary>
/// Where one renewal sweep's time goes: receipt rendering and gateway calls (wrapped services), the reads and
/// the saves (EF Core interceptors: SQL commands from execution until their reader is disposed, commits, and
/// SaveChanges as a whole). The sweep is sequential except for the gateway calls, so the other parts add up to
/// its wall-clock time; what is left is the service's own code and EF Core outside SaveChanges (query
/// compilation lookups, materialization, tracking of the loaded rows).
/// </summary>
internal sealed class RenewalProfiler
{
    private readonly ConcurrentDictionary<Guid, (long Started, string Read)> _started = new();
    private readonly ConcurrentDictionary<string, (long Ticks, int Count)> _reads = new(StringComparer.Ordinal);
    private long _render;
    private long _renders;
    private long _renderAllocated;
    private long _gateway;
    private long _charges;
    private long _queries;
    private long _queryCount;
    private long _saveCommands;
    private long _saveCommandCount;
    private long _commits;
    private long _saves;
    private long _saveCount;
    private long _saveStarted;
    private long _saveAllocatedStarted;
    private long _saveAllocated;
    private volatile bool _saving;

    /// <summary>Wraps the renderer and the gateway and adds the interceptors; for <see cref="BenchServices.Create(string, Action{IServiceCollection}?)"/>.</summary>
    public void Attach(IServiceCollection services)
    {
        Decorate<IEmailRenderer>(services, inner => new TimedRenderer(inner, this));
        Decorate<IPaymentGateway>(services, inner => new TimedGateway(inner, this));
        services.AddSingleton<IInterceptor>(new CommandTimer(this));
        services.AddSingleton<IInterceptor>(new SaveTimer(this));
        services.AddSingleton<IInterceptor>(new CommitTimer(this));
    }

    public void Print(TimeSpan wall, int renewals, string unit = "renewals")
    {
        var render = Seconds(_render);
        var queries = Seconds(_queries);
        var saves = Seconds(_saves);
        var saveCommands = Seconds(_saveCommands);
        var commits = Seconds(_commits);
        var rest = wall.TotalSeconds - render - queries - saves;
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Instrumented RenewalService sweep: {renewals:N0} {unit} in {wall.TotalSeconds:F1} s ({renewals / wall.TotalSeconds:N0}/s; the instrumentation costs a little)."));
        Line("Receipt rendering (Razor, one after another)", render, wall,
            $"{_renders:N0} receipts, {1000 * render / Math.Max(1, _renders):F2} ms and {_renderAllocated / 1024.0 / Math.Max(1, _renders):N0} KB allocated each");
        Line("Reads (due, cards, payments, owners, cancelled)", queries, wall, $"{_queryCount:N0} commands");
        foreach (var (read, (ticks, count)) in _reads.OrderByDescending(r => r.Value.Ticks))
        {
            Line($"  {read}", Seconds(ticks), wall, $"{count:N0} commands");
        }

        Line("SaveChanges, in all", saves, wall, $"{_saveCount:N0} saves, {_saveAllocated / 1024.0 / renewals:N0} KB allocated per {unit.TrimEnd('s')}");
        Line("  of which SQL commands", saveCommands, wall, $"{_saveCommandCount:N0} commands");
        Line("  of which commits", commits, wall, string.Empty);
        Line("  of which EF Core (detect changes, SQL, fix-up)", saves - saveCommands - commits, wall, string.Empty);
        Line("Everything else (service code, materialization, tracking, parallel charging)", rest, wall, string.Empty);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  Sandbox gateway, summed over the parallel calls: {Seconds(_gateway):F1} s for {_charges:N0} charges (inside \"everything else\")."));
    }

    private static void Line(string what, double seconds, TimeSpan wall, string detail) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {what,-80} {seconds,7:F1} s  {seconds / wall.TotalSeconds,5:P0}  {detail}"));

    private static double Seconds(long ticks) => (double)ticks / Stopwatch.Frequency;

    private static void Decorate<TService>(IServiceCollection services, Func<TService, TService> wrap)
        where TService : class
    {
        var descriptor = services.Last(d => d.ServiceType == typeof(TService));
        services.Remove(descriptor);
        services.AddSingleton(sp => wrap(Create<TService>(sp, descriptor)));
    }

    private static TService Create<TService>(IServiceProvider services, ServiceDescriptor descriptor) =>
        (TService)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!));

    /// <summary>A read's shape: its table, and which of the sweep's two subscription queries it is.</summary>
    private static string Shape(string sql)
    {
        var from = sql.IndexOf("FROM \"", StringComparison.Ordinal);
        var table = from < 0 ? "other" : sql[(from + 6)..sql.IndexOf('"', from + 6)];
        return table == "Subscriptions"
            ? sql.Contains("\"CancelAtPeriodEnd\" AND", StringComparison.Ordinal) ? "Subscriptions cancelled for the period end" : "Subscriptions due"
            : table;
    }

    private void Started(DbCommand command, Guid id) =>
        _started[id] = (Stopwatch.GetTimestamp(), _saving ? string.Empty : Shape(command.CommandText));

    private void Finished(Guid command)
    {
        if (!_started.TryRemove(command, out var started))
        {
            return;
        }

        var elapsed = Stopwatch.GetTimestamp() - started.Started;
        // The sweep saves and reads one after another, so a flag tells a save's commands from the reads.
        if (_saving)
        {
            Interlocked.Add(ref _saveCommands, elapsed);
            Interlocked.Increment(ref _saveCommandCount);
        }
        else
        {
            Interlocked.Add(ref _queries, elapsed);
            Interlocked.Increment(ref _queryCount);
            _reads.AddOrUpdate(started.Read, (elapsed, 1), (_, sum) => (sum.Ticks + elapsed, sum.Count + 1));
        }
    }

    private sealed class TimedRenderer(IEmailRenderer inner, RenewalProfiler profiler) : IEmailRenderer
    {
        public async Task<RenderedEmail> RenderAsync<TModel>(TModel model, string language, CancellationToken cancellationToken = default)
            where TModel : IEmailModel
        {
            // Receipts are rendered one after another, so the process's allocations meanwhile are the renderer's.
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.RenderAsync(model, language, cancellationToken);
            }
            finally
            {
                Interlocked.Add(ref profiler._render, Stopwatch.GetTimestamp() - started);
                Interlocked.Add(ref profiler._renderAllocated, GC.GetTotalAllocatedBytes(precise: true) - allocated);
                Interlocked.Increment(ref profiler._renders);
            }
        }
    }

    private sealed class TimedGateway(IPaymentGateway inner, RenewalProfiler profiler) : IPaymentGateway
    {
        public string Provider => inner.Provider;

        public async Task<ChargeOutcome> ChargeAsync(ChargeRequest request, CancellationToken cancellationToken = default)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.ChargeAsync(request, cancellationToken);
            }
            finally
            {
                Interlocked.Add(ref profiler._gateway, Stopwatch.GetTimestamp() - started);
                Interlocked.Increment(ref profiler._charges);
            }
        }

        public Task<RefundOutcome> RefundAsync(RefundRequest request, CancellationToken cancellationToken = default) =>
            inner.RefundAsync(request, cancellationToken);

        public Task<ChargeOutcome> VerifyCardAsync(CardVerificationRequest request, CancellationToken cancellationToken = default) =>
            inner.VerifyCardAsync(request, cancellationToken);

        public Task<VoidOutcome> VoidAsync(VoidRequest request, CancellationToken cancellationToken = default) =>
            inner.VoidAsync(request, cancellationToken);
    }

    private sealed class CommandTimer(RenewalProfiler profiler) : DbCommandInterceptor
    {
        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            profiler.Started(command, eventData.CommandId);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            profiler.Started(command, eventData.CommandId);
            return base.ReaderExecuting(command, eventData, result);
        }

        public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
        {
            profiler.Finished(eventData.CommandId);
            return base.DataReaderDisposing(command, eventData, result);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            profiler.Started(command, eventData.CommandId);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<int> NonQueryExecutedAsync(
            DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            profiler.Finished(eventData.CommandId);
            return base.NonQueryExecutedAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            profiler.Started(command, eventData.CommandId);
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<object?> ScalarExecutedAsync(
            DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
        {
            profiler.Finished(eventData.CommandId);
            return base.ScalarExecutedAsync(command, eventData, result, cancellationToken);
        }

        public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
        {
            profiler.Finished(eventData.CommandId);
            return base.CommandFailedAsync(command, eventData, cancellationToken);
        }
    }

    private sealed class SaveTimer(RenewalProfiler profiler) : SaveChangesInterceptor
    {
        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            profiler._saveAllocatedStarted = GC.GetTotalAllocatedBytes(precise: true);
            profiler._saveStarted = Stopwatch.GetTimestamp();
            profiler._saving = true;
            return base.SavingChangesAsync(eventData, result, cancellationToken);
        }

        public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            Stop();
            return base.SavedChangesAsync(eventData, result, cancellationToken);
        }

        public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
        {
            Stop();
            return base.SaveChangesFailedAsync(eventData, cancellationToken);
        }

        private void Stop()
        {
            profiler._saving = false;
            Interlocked.Add(ref profiler._saves, Stopwatch.GetTimestamp() - profiler._saveStarted);
            Interlocked.Add(ref profiler._saveAllocated, GC.GetTotalAllocatedBytes(precise: true) - profiler._saveAllocatedStarted);
            Interlocked.Increment(ref profiler._saveCount);
        }
    }

    private sealed class CommitTimer(RenewalProfiler profiler) : DbTransactionInterceptor
    {
        public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Interlocked.Add(ref profiler._commits, (long)(eventData.Duration.TotalSeconds * Stopwatch.Frequency));
            return base.TransactionCommittedAsync(transaction, eventData, cancellationToken);
        }
    }
}
