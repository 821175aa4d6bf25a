using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Polly.Timeout;
using ProfilePortal.Infrastructure.Caching;

namespace ProfilePortal.Tests.Integration.ScaleOut;

/// <summary>
/// Redis behind a timeout and a circuit breaker: a cache server that does not answer costs a page at most the
/// call timeout, and once it keeps failing, nothing at all until it is probed again.
/// </summary>
public sealed class ResilientDistributedCacheTests
{
    private static readonly DistributedCacheEntryOptions Entry = new() { AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(15) };

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_call_the_cache_does_not_answer_gives_up_after_the_call_timeout()
    {
        var cache = Resilient(new SilentCache());

        var read = cache.GetAsync("quota:1");
        _clock.Advance(ResilientDistributedCache.CallTimeout - TimeSpan.FromMilliseconds(1));
        Assert.False(read.IsCompleted);
        _clock.Advance(TimeSpan.FromMilliseconds(1));

        await Assert.ThrowsAsync<TimeoutRejectedException>(() => read);
    }

    [Fact]
    public async Task After_repeated_failures_the_cache_is_left_alone_then_probed_again_after_the_break()
    {
        var inner = new CountingCache(new FailingCache());
        var cache = Resilient(inner);
        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => cache.GetAsync("quota:1"));
        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => cache.GetAsync("quota:1"));

        Assert.True(cache.IsBroken);
        Assert.Null(await cache.GetAsync("quota:1"));
        await cache.SetAsync("quota:1", [1], Entry);
        await cache.RemoveAsync("quota:1");
        Assert.Equal(2, inner.Calls);

        _clock.Advance(ResilientDistributedCache.BreakDuration);
        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => cache.GetAsync("quota:1"));
        Assert.Equal(3, inner.Calls);
        Assert.True(cache.IsBroken);
    }

    [Fact]
    public async Task A_cache_that_answers_again_is_used_again_after_the_probe()
    {
        var inner = new SwitchableCache();
        var cache = Resilient(inner);
        inner.Down = true;
        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => cache.GetAsync("quota:1"));
        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => cache.GetAsync("quota:1"));
        Assert.True(cache.IsBroken);

        inner.Down = false;
        _clock.Advance(ResilientDistributedCache.BreakDuration);
        await cache.SetAsync("quota:1", [7], Entry);

        Assert.False(cache.IsBroken);
        Assert.Equal([7], await cache.GetAsync("quota:1"));
    }

    [Fact]
    public async Task The_callers_own_cancellation_does_not_count_as_a_cache_failure()
    {
        var cache = Resilient(new SilentCache());
        for (var i = 0; i < 3; i++)
        {
            using var cancelled = new CancellationTokenSource();
            var read = cache.GetAsync("quota:1", cancelled.Token);
            await cancelled.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read);
        }

        Assert.False(cache.IsBroken);
    }

    [Fact]
    public async Task Readiness_is_healthy_with_a_working_cache_and_degraded_while_it_is_left_alone()
    {
        var inner = new SwitchableCache();
        var cache = Resilient(inner);
        var check = new DistributedCacheHealthCheck(cache);
        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);

        inner.Down = true;
        Assert.Equal(HealthStatus.Degraded, (await check.CheckHealthAsync(new HealthCheckContext())).Status);
        Assert.Equal(HealthStatus.Degraded, (await check.CheckHealthAsync(new HealthCheckContext())).Status);
        Assert.True(cache.IsBroken);
        Assert.Equal(HealthStatus.Degraded, (await check.CheckHealthAsync(new HealthCheckContext())).Status);
    }

    /// <summary>
    /// The real Redis client against a port nobody listens on waits about five seconds per call; through the
    /// breaker the first calls end at the call timeout and then the cache is skipped without waiting.
    /// </summary>
    [Fact]
    public async Task An_unreachable_redis_is_cut_short_and_then_skipped()
    {
        using var redis = new RedisCache(Options.Create(new RedisCacheOptions { Configuration = "127.0.0.1:1,abortConnect=false" }));
        using var cache = new ResilientDistributedCache(redis, TimeProvider.System, NullLogger<ResilientDistributedCache>.Instance);

        await Assert.ThrowsAsync<TimeoutRejectedException>(() => cache.GetAsync("quota:1"));
        await Assert.ThrowsAnyAsync<Exception>(() => cache.GetAsync("quota:1"));

        Assert.True(cache.IsBroken);
        Assert.Null(await cache.GetAsync("quota:1"));
    }

    private ResilientDistributedCache Resilient(IDistributedCache inner) =>
        new(inner, _clock, NullLogger<ResilientDistributedCache>.Instance);

    /// <summary>A cache server that accepts the call and never answers.</summary>
    private sealed class SilentCache : IDistributedCache
    {
        public byte[]? Get(string key) => throw new NotSupportedException();

        public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => new TaskCompletionSource<byte[]?>().Task;

        public void Refresh(string key) => throw new NotSupportedException();

        public Task RefreshAsync(string key, CancellationToken token = default) => new TaskCompletionSource().Task;

        public void Remove(string key) => throw new NotSupportedException();

        public Task RemoveAsync(string key, CancellationToken token = default) => new TaskCompletionSource().Task;

        public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => throw new NotSupportedException();

        public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
            new TaskCompletionSource().Task;
    }

    /// <summary>Counts the calls that reach the cache server.</summary>
    private sealed class CountingCache(IDistributedCache inner) : IDistributedCache
    {
        public int Calls { get; private set; }

        public byte[]? Get(string key) => Count(() => inner.Get(key));

        public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => Count(() => inner.GetAsync(key, token));

        public void Refresh(string key) => Count(() => 0);

        public Task RefreshAsync(string key, CancellationToken token = default) => Count(() => inner.RefreshAsync(key, token));

        public void Remove(string key) => Count(() => 0);

        public Task RemoveAsync(string key, CancellationToken token = default) => Count(() => inner.RemoveAsync(key, token));

        public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => Count(() => 0);

        public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
            Count(() => inner.SetAsync(key, value, options, token));

        private T Count<T>(Func<T> call)
        {
            Calls++;
            return call();
        }
    }

    /// <summary>An in-memory cache server that can be taken down and brought back.</summary>
    private sealed class SwitchableCache : IDistributedCache
    {
        private readonly MemoryDistributedCache _memory = new(Options.Create(new MemoryDistributedCacheOptions()));

        public bool Down { get; set; }

        public byte[]? Get(string key) => Up().Get(key);

        public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => Up().GetAsync(key, token);

        public void Refresh(string key) => Up().Refresh(key);

        public Task RefreshAsync(string key, CancellationToken token = default) => Up().RefreshAsync(key, token);

        public void Remove(string key) => Up().Remove(key);

        public Task RemoveAsync(string key, CancellationToken token = default) => Up().RemoveAsync(key, token);

        public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => Up().Set(key, value, options);

        public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
            Up().SetAsync(key, value, options, token);

        private MemoryDistributedCache Up() => Down ? throw new InvalidOperationException("The cache server does not answer.") : _memory;
    }
}
