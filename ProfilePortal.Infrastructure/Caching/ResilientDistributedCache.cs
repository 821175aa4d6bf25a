using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;

namespace ProfilePortal.Infrastructure.Caching;

/// <summary>
/// The shared cache (Redis) behind a timeout and a circuit breaker (ADR-023). A Redis client that cannot reach its
/// server waits about five seconds per call before it fails, which every page reading a quota would wait too. Here
/// a call gives up after <see cref="CallTimeout"/>; once most calls of a short window have failed, the circuit opens
/// and for <see cref="BreakDuration"/> nothing is sent: reads miss at once (the database answers), writes and
/// removals are skipped (entries expire on their own within the cache duration). Then one call probes Redis again.
/// </summary>
public sealed partial class ResilientDistributedCache : IDistributedCache, IDisposable
{
    /// <summary>How long one call to the cache may take before it counts as failed.</summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromMilliseconds(500);

    /// <summary>How long the cache is left alone once the circuit opens.</summary>
    public static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(30);

    private readonly IDistributedCache _inner;
    private readonly CircuitBreakerStateProvider _state = new();
    private readonly ResiliencePipeline _pipeline;

    public ResilientDistributedCache(IDistributedCache inner, TimeProvider clock, ILogger<ResilientDistributedCache> logger)
    {
        _inner = inner;
        _pipeline = new ResiliencePipelineBuilder { TimeProvider = clock }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = 0.5,
                MinimumThroughput = 2,
                SamplingDuration = TimeSpan.FromSeconds(10),
                BreakDuration = BreakDuration,
                StateProvider = _state,
                // A timeout counts (it arrives as TimeoutRejectedException); the caller giving up does not.
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException),
                OnOpened = args =>
                {
                    LogOpened(logger, args.Outcome.Exception, BreakDuration.TotalSeconds);
                    return ValueTask.CompletedTask;
                },
                OnClosed = _ =>
                {
                    LogClosed(logger);
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(CallTimeout)
            .Build();
    }

    /// <summary>True while the circuit is open: the cache is not being called (readiness reports it Degraded).</summary>
    public bool IsBroken => _state.CircuitState is CircuitState.Open or CircuitState.Isolated;

    public byte[]? Get(string key) => GetAsync(key).GetAwaiter().GetResult();

    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default)
    {
        try
        {
            // WaitAsync: the Redis client ignores cancellation once a command is queued; the timeout must not wait for it.
            return await _pipeline.ExecuteAsync(
                static async (state, ct) => await state.Inner.GetAsync(state.Key, ct).WaitAsync(ct),
                (Inner: _inner, Key: key),
                token);
        }
        catch (BrokenCircuitException)
        {
            return null;
        }
    }

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => SetAsync(key, value, options).GetAwaiter().GetResult();

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        RunAsync(static (inner, state, ct) => inner.SetAsync(state.Key, state.Value, state.Options, ct), (Key: key, Value: value, Options: options), token);

    public void Refresh(string key) => RefreshAsync(key).GetAwaiter().GetResult();

    public Task RefreshAsync(string key, CancellationToken token = default) =>
        RunAsync(static (inner, key, ct) => inner.RefreshAsync(key, ct), key, token);

    public void Remove(string key) => RemoveAsync(key).GetAwaiter().GetResult();

    public Task RemoveAsync(string key, CancellationToken token = default) =>
        RunAsync(static (inner, key, ct) => inner.RemoveAsync(key, ct), key, token);

    public void Dispose() => (_inner as IDisposable)?.Dispose();

    private async Task RunAsync<TState>(Func<IDistributedCache, TState, CancellationToken, Task> call, TState state, CancellationToken token)
    {
        try
        {
            await _pipeline.ExecuteAsync(
                static async (context, ct) => await context.Call(context.Inner, context.State, ct).WaitAsync(ct),
                (Call: call, Inner: _inner, State: state),
                token);
        }
        catch (BrokenCircuitException)
        {
            // Skipped while the cache is down; what was cached expires on its own.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The distributed cache fails; it is left alone for {Seconds} s and the database answers")]
    private static partial void LogOpened(ILogger logger, Exception? exception, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "The distributed cache answers again")]
    private static partial void LogClosed(ILogger logger);
}
