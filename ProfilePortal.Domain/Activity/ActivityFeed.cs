using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Quotas;

namespace ProfilePortal.Domain.Activity;

/// <summary>
/// A user's timeline: the ML platform's usage events merged with the portal's own activity events, newest
/// first, within a window. One query (UNION ALL of two limited branches), so the page needs one round trip.
/// </summary>
public static class ActivityFeed
{
    public const int PageSize = 10;

    public static IQueryable<ActivityItem> Query(IPortalDbContext db, Guid userId, DateTimeOffset since, DateTimeOffset? before, int take)
    {
        var until = before ?? DateTimeOffset.MaxValue;
        var usage = db.UsageEvents
            .Where(e => e.UserId == userId && e.OccurredAt >= since && e.OccurredAt < until)
            .OrderByDescending(e => e.OccurredAt)
            .Take(take)
            .Select(e => new ActivityRow
            {
                Kind = e.Kind == UsageEventKind.TrainingRun ? (int)ActivityKind.TrainingRun
                    : e.Kind == UsageEventKind.DatasetUpload ? (int)ActivityKind.DatasetUpload
                    : (int)ActivityKind.Job,
                Title = e.Title,
                OccurredAt = e.OccurredAt,
            });
        var portal = db.ActivityEvents
            .Where(e => e.UserId == userId && e.OccurredAt >= since && e.OccurredAt < until)
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
            });

        // The set operation needs member-initialized rows whose columns have the same store type on both
        // sides: the kinds are stored as text per table, so both sides turn them into the same integer codes.
        return usage.Concat(portal)
            .OrderByDescending(r => r.OccurredAt)
            .Take(take)
            .Select(r => new ActivityItem((ActivityKind)r.Kind, r.Title, r.OccurredAt));
    }

    private sealed class ActivityRow
    {
        public int Kind { get; init; }

        public string Title { get; init; } = string.Empty;

        public DateTimeOffset OccurredAt { get; init; }
    }
}
