using Microsoft.EntityFrameworkCore;
using ProfilePortal.Domain.Quotas;

namespace ProfilePortal.Domain.Activity;

/// <summary>
/// A user's timeline: the ML platform's usage events merged with the portal's own activity events, newest
/// first, within a window, optionally narrowed to one organization (its usage, and the portal's events that belong to
/// it or to no organization, such as profile edits). One query (UNION ALL of two limited branches), so the page needs one round trip;
/// compiled once, since the page runs it on every view.
/// </summary>
public static class ActivityFeed
{
    public const int PageSize = 10;

    // The set operation needs member-initialized rows whose columns have the same store type on both sides:
    // the kinds are stored as text per table, so both sides turn them into the same integer codes.
    private static readonly Func<DbContext, Guid, Guid?, DateTimeOffset, DateTimeOffset, int, IAsyncEnumerable<ActivityRow>> Compiled =
        EF.CompileAsyncQuery((DbContext db, Guid userId, Guid? organizationId, DateTimeOffset since, DateTimeOffset until, int take) =>
            db.Set<UsageEvent>()
                .Where(e => e.UserId == userId && (organizationId == null || e.OrganizationId == organizationId)
                    && e.OccurredAt >= since && e.OccurredAt < until)
                .OrderByDescending(e => e.OccurredAt)
                .Take(take)
                .Select(e => new ActivityRow
                {
                    Kind = e.Kind == UsageEventKind.TrainingRun ? (int)ActivityKind.TrainingRun
                        : e.Kind == UsageEventKind.DatasetUpload ? (int)ActivityKind.DatasetUpload
                        : (int)ActivityKind.Job,
                    Title = e.Title,
                    OccurredAt = e.OccurredAt,
                })
                .Concat(db.Set<ActivityEvent>()
                    .Where(e => e.UserId == userId && (organizationId == null || e.OrganizationId == null || e.OrganizationId == organizationId)
                        && e.OccurredAt >= since && e.OccurredAt < until)
                    .OrderByDescending(e => e.OccurredAt)
                    .Take(take)
                    .Select(e => new ActivityRow
                    {
                        Kind = e.Kind == ActivityKind.QuotaChanged ? (int)ActivityKind.QuotaChanged
                            : e.Kind == ActivityKind.ProfileEdited ? (int)ActivityKind.ProfileEdited
                            : e.Kind == ActivityKind.PlanChanged ? (int)ActivityKind.PlanChanged
                            : e.Kind == ActivityKind.TrainingRun ? (int)ActivityKind.TrainingRun
                            : e.Kind == ActivityKind.DatasetUpload ? (int)ActivityKind.DatasetUpload
                            : (int)ActivityKind.Job,
                        Title = e.Detail,
                        OccurredAt = e.OccurredAt,
                    }))
                .OrderByDescending(r => r.OccurredAt)
                .Take(take));

    /// <summary>
    /// At most <paramref name="take"/> items at or after <paramref name="since"/> and before <paramref name="before"/>,
    /// in <paramref name="organizationId"/> when one is given.
    /// </summary>
    public static async Task<List<ActivityItem>> LoadAsync(
        DbContext db, Guid userId, DateTimeOffset since, DateTimeOffset? before, int take, Guid? organizationId = null, CancellationToken cancellationToken = default)
    {
        var items = new List<ActivityItem>(take);
        await foreach (var row in Compiled(db, userId, organizationId, since, before ?? DateTimeOffset.MaxValue, take).WithCancellation(cancellationToken))
        {
            items.Add(new ActivityItem((ActivityKind)row.Kind, row.Title, row.OccurredAt));
        }

        return items;
    }

    private sealed class ActivityRow
    {
        public int Kind { get; init; }

        public string Title { get; init; } = string.Empty;

        public DateTimeOffset OccurredAt { get; init; }
    }
}
