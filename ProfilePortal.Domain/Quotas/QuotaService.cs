using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Organizations;

namespace ProfilePortal.Domain.Quotas;

/// <summary>
/// What decides an organization's quota period and allowance. <paramref name="PeriodAnchor"/> is the instant
/// monthly quota periods of a paid plan count from: the subscription's billing anchor, so quota months line up
/// with billing periods even when they started on the 31st. <paramref name="PauseEndsAt"/> is set while the
/// subscription is paused.
/// </summary>
public sealed record QuotaBasis(
    Guid OrganizationId,
    bool IsFreePlan,
    int? MonthlyLaunchAllowance,
    SubscriptionStatus Status,
    DateTimeOffset PeriodAnchor,
    DateTimeOffset? CurrentPeriodEnd,
    DateTimeOffset? TrialStartedAt,
    DateTimeOffset? TrialEndsAt,
    DateTimeOffset? PauseEndsAt = null);

/// <summary>
/// The single source of an organization's quota: limit = plan allowance + admin grants + purchased packs for
/// the period (a grant counts in the period it was made for, even if the plan changes meanwhile); used =
/// launches the platform recorded in the period. Snapshots are cached briefly (≤ 30 s) in the distributed cache
/// and dropped by <see cref="InvalidateAsync"/> when the portal changes anything they depend on: with Redis every
/// node sees the drop at once; with the in-process default, other nodes within the cache duration (ADR-023).
/// A cache that fails is skipped (the database answers), never a reason to fail a page or a payment.
/// </summary>
public sealed partial class QuotaService(
    IPortalDbContextFactory dbFactory, IDistributedCache cache, IOptions<QuotaOptions> options, TimeProvider clock, ILogger<QuotaService> logger)
{
    public async Task<QuotaSnapshot?> GetSnapshotAsync(Guid organizationId, CancellationToken cancellationToken = default)
    {
        if (await ReadCachedAsync(organizationId, cancellationToken) is { } cached)
        {
            return cached;
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var basis = await BasisQuery(db, organizationId).FirstOrDefaultAsync(cancellationToken);
        return basis is null ? null : await GetSnapshotAsync(db, basis, cancellationToken);
    }

    /// <summary>The snapshot for a basis already read (e.g. with the profile), in one more round trip at most.</summary>
    public async Task<QuotaSnapshot> GetSnapshotAsync(IPortalDbContext db, QuotaBasis basis, CancellationToken cancellationToken = default) =>
        await ReadCachedAsync(basis.OrganizationId, cancellationToken) ?? await ComputeAsync(db, basis);

    /// <summary>
    /// The snapshot as the database has it now, never from the cache (which it refreshes): for decisions that
    /// must not miss the latest launches, like the low-quota email.
    /// </summary>
    public async Task<QuotaSnapshot?> GetFreshSnapshotAsync(Guid organizationId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var basis = await BasisQuery(db, organizationId).FirstOrDefaultAsync(cancellationToken);
        return basis is null ? null : await ComputeAsync(db, basis);
    }

    private async Task<QuotaSnapshot> ComputeAsync(IPortalDbContext db, QuotaBasis basis)
    {
        var now = clock.GetUtcNow();
        var period = PeriodOf(basis, now);
        var organizationId = basis.OrganizationId;
        var sums = await Sums((DbContext)db, organizationId, now, period.Start, period.End);

        var allowance = basis.MonthlyLaunchAllowance ?? options.Value.DefaultMonthlyLaunches;
        var limit = allowance + sums.Granted + sums.Purchased;
        var snapshot = new QuotaSnapshot(
            allowance, sums.Granted, sums.Purchased, sums.Used, period.Start, period.End, QuotaSnapshot.LevelFor(limit, sums.Used, options.Value),
            basis.Status == SubscriptionStatus.Trialing ? basis.TrialEndsAt : null,
            basis.Status == SubscriptionStatus.Paused ? basis.PauseEndsAt : null);
        await WriteCachedAsync(organizationId, snapshot);
        return snapshot;
    }

    /// <summary>The period a basis is in at <paramref name="now"/>.</summary>
    public static QuotaPeriod PeriodOf(QuotaBasis basis, DateTimeOffset now) => basis switch
    {
        { Status: SubscriptionStatus.Trialing, TrialStartedAt: { } trialStart } =>
            QuotaPeriod.MonthlyAnniversary(trialStart, basis.TrialEndsAt, now),
        { IsFreePlan: true } => QuotaPeriod.CalendarMonth(now),
        _ => QuotaPeriod.MonthlyAnniversary(basis.PeriodAnchor, basis.CurrentPeriodEnd, now),
    };

    /// <summary>
    /// Forgets the cached snapshot after a change that affects it (grant, pack, plan change). Called after the change
    /// is saved, so it is not cancellable: a change that stays cached would show the old quota.
    /// </summary>
    public async Task InvalidateAsync(Guid organizationId)
    {
        try
        {
            await cache.RemoveAsync(CacheKey(organizationId), CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The saved change stands; the stale snapshot expires within the cache duration.
            LogCacheFailed(e, "remove");
        }
    }

    private async Task<QuotaSnapshot?> ReadCachedAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        if (options.Value.SnapshotCacheDuration <= TimeSpan.Zero)
        {
            return null;
        }

        try
        {
            var bytes = await cache.GetAsync(CacheKey(organizationId), cancellationToken);
            return bytes is null ? null : JsonSerializer.Deserialize<QuotaSnapshot>(bytes);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogCacheFailed(e, "read");
            return null;
        }
    }

    private async Task WriteCachedAsync(Guid organizationId, QuotaSnapshot snapshot)
    {
        if (options.Value.SnapshotCacheDuration <= TimeSpan.Zero)
        {
            return;
        }

        try
        {
            var entry = new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = options.Value.SnapshotCacheDuration };
            await cache.SetAsync(CacheKey(organizationId), JsonSerializer.SerializeToUtf8Bytes(snapshot), entry, CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogCacheFailed(e, "write");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Quota snapshot cache {Operation} failed; the database answers instead")]
    private partial void LogCacheFailed(Exception exception, string operation);

    /// <summary>The basis of an organization's current subscription, as a composable query.</summary>
    public static IQueryable<QuotaBasis> BasisQuery(IPortalDbContext db, Guid organizationId) =>
        db.Subscriptions
            .Where(s => s.OrganizationId == organizationId)
            .OrderByDescending(s => s.CreatedAt)
            .Select(s => new QuotaBasis(
                s.OrganizationId,
                s.Plan!.Generation == PlanGeneration.Free,
                s.Plan.MonthlyLaunchAllowance,
                s.Status,
                s.BillingAnchor ?? s.CurrentPeriodStart,
                s.CurrentPeriodEnd,
                s.TrialStartedAt,
                s.TrialEndsAt,
                s.PauseEndsAt));

    private static string CacheKey(Guid organizationId) => $"quota:{organizationId:N}";

    // Compiled once: the page loads it on every view, and EF's per-call query preparation would cost more
    // than the indexed lookups themselves.
    private static readonly Func<DbContext, Guid, DateTimeOffset, DateTimeOffset, DateTimeOffset, Task<QuotaSums>> Sums =
        EF.CompileAsyncQuery((DbContext db, Guid organizationId, DateTimeOffset now, DateTimeOffset start, DateTimeOffset end) =>
            db.Set<Organization>()
                .Where(o => o.Id == organizationId)
                .Select(o => new QuotaSums
                {
                    Granted = db.Set<QuotaGrant>()
                        .Where(g => g.OrganizationId == organizationId && g.Source == QuotaGrantSource.Admin && g.PeriodStart <= now && now < g.PeriodEnd)
                        .Sum(g => (int?)g.Launches) ?? 0,
                    Purchased = db.Set<QuotaGrant>()
                        .Where(g => g.OrganizationId == organizationId && g.Source == QuotaGrantSource.Pack && g.PeriodStart <= now && now < g.PeriodEnd)
                        .Sum(g => (int?)g.Launches) ?? 0,
                    Used = db.Set<UsageEvent>()
                        .Where(e => e.OrganizationId == organizationId && e.OccurredAt >= start && e.OccurredAt < end)
                        .Sum(e => (int?)e.Launches) ?? 0,
                })
                .First());

    private sealed class QuotaSums
    {
        public int Granted { get; init; }

        public int Purchased { get; init; }

        public int Used { get; init; }
    }
}
