using ProfilePortal.Domain.Common;

namespace ProfilePortal.Domain.Quotas;

/// <summary>
/// Where the low-quota sweep is in the <c>UsageEvents</c> table (one row). Event ids grow, but on SQL Server an
/// insert may become visible after a higher id already has, so each sweep reads again from where the previous
/// sweep started its new events: every id range is read by two sweeps, one interval apart, and an event that
/// committed late is still seen. Reading twice costs nothing more than a query: the notices are idempotent.
/// </summary>
public sealed class QuotaNoticeWatermark : IVersioned
{
    /// <summary>The id of the single row.</summary>
    public const int SingletonId = 1;

    private QuotaNoticeWatermark()
    {
    }

    public int Id { get; private set; }

    /// <summary>The next sweep reads usage events with a greater id.</summary>
    public long ReadFromEventId { get; private set; }

    /// <summary>The highest usage event id any sweep has read.</summary>
    public long ReadThroughEventId { get; private set; }

    public DateTimeOffset? LastSweptAt { get; private set; }

    public Guid Version { get; set; }

    /// <summary>
    /// Records a finished sweep that read through <paramref name="lastEventId"/>: the next one starts where this
    /// one's new events began, so it reads them once more.
    /// </summary>
    public void Advance(long lastEventId, DateTimeOffset now)
    {
        ReadFromEventId = Math.Max(ReadFromEventId, ReadThroughEventId);
        ReadThroughEventId = Math.Max(ReadThroughEventId, lastEventId);
        LastSweptAt = now;
    }
}
