using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Domain.Organizations;
using ProfilePortal.Domain.Quotas;

namespace ProfilePortal.Domain.Activity;

/// <summary>
/// The activity timeline: the ML platform's usage events merged with the portal's own activity events, newest first,
/// within a window, each attributed to the user who did it. Two shapes:
/// <list type="bullet">
/// <item>an organization's feed (the profile page): the organization's usage and portal events by every member (and
/// the platform's usage with no user), plus the viewer's own events that belong to no organization, such as profile
/// edits. Launches are shared by the members, so each member sees everyone's;</item>
/// <item>a user's timeline (the admin's customer page): only that user's events, in any organization.</item>
/// </list>
/// Each is one query (UNION ALL of limited branches, each served by an (owner, OccurredAt) index, then the actors'
/// names for the few rows kept), so a page needs one round trip; compiled once, since the page runs it on every view.
/// The caller checks that the viewer may see the organization.
/// </summary>
public static class ActivityFeed
{
    public const int PageSize = 10;

    // The set operation needs member-initialized rows whose columns have the same store type on both sides:
    // the kinds are stored as text per table, so both sides turn them into the same integer codes.
    private static readonly Expression<Func<UsageEvent, ActivityRow>> UsageRow = e => new ActivityRow
    {
        Kind = e.Kind == UsageEventKind.TrainingRun ? (int)ActivityKind.TrainingRun
            : e.Kind == UsageEventKind.DatasetUpload ? (int)ActivityKind.DatasetUpload
            : (int)ActivityKind.Job,
        Title = e.Title,
        OccurredAt = e.OccurredAt,
        ActorId = e.UserId,
    };

    private static readonly Expression<Func<ActivityEvent, ActivityRow>> PortalRow = e => new ActivityRow
    {
        Kind = e.Kind == ActivityKind.QuotaChanged ? (int)ActivityKind.QuotaChanged
            : e.Kind == ActivityKind.ProfileEdited ? (int)ActivityKind.ProfileEdited
            : e.Kind == ActivityKind.PlanChanged ? (int)ActivityKind.PlanChanged
            : e.Kind == ActivityKind.TrainingRun ? (int)ActivityKind.TrainingRun
            : e.Kind == ActivityKind.DatasetUpload ? (int)ActivityKind.DatasetUpload
            : (int)ActivityKind.Job,
        Title = e.Detail,
        OccurredAt = e.OccurredAt,
        ActorId = e.UserId,
    };

    private static readonly Func<DbContext, Guid, Guid, DateTimeOffset, DateTimeOffset, int, IAsyncEnumerable<ActivityRow>> OrganizationFeed =
        EF.CompileAsyncQuery((DbContext db, Guid viewerId, Guid organizationId, DateTimeOffset since, DateTimeOffset until, int take) =>
            from r in db.Set<UsageEvent>()
                    .Where(e => e.OrganizationId == organizationId && e.OccurredAt >= since && e.OccurredAt < until)
                    .OrderByDescending(e => e.OccurredAt).Take(take).Select(UsageRow)
                .Concat(db.Set<ActivityEvent>()
                    .Where(e => e.OrganizationId == organizationId && e.OccurredAt >= since && e.OccurredAt < until)
                    .OrderByDescending(e => e.OccurredAt).Take(take).Select(PortalRow))
                .Concat(db.Set<ActivityEvent>()
                    .Where(e => e.UserId == viewerId && e.OrganizationId == null && e.OccurredAt >= since && e.OccurredAt < until)
                    .OrderByDescending(e => e.OccurredAt).Take(take).Select(PortalRow))
                .OrderByDescending(r => r.OccurredAt)
                .Take(take)
            // Names only of the organization's members (and the viewer): someone who has left is not named to it.
            join u in db.Set<ApplicationUser>().Where(u => u.Id == viewerId
                    || db.Set<Membership>().Any(m => m.UserId == u.Id && m.OrganizationId == organizationId))
                on r.ActorId equals (Guid?)u.Id into actors
            from u in actors.DefaultIfEmpty()
            orderby r.OccurredAt descending
            select new ActivityRow
            {
                Kind = r.Kind,
                Title = r.Title,
                OccurredAt = r.OccurredAt,
                ActorId = r.ActorId,
                FirstName = u.FirstName,
                LastName = u.LastName,
                Email = u.Email,
            });

    private static readonly Func<DbContext, Guid, DateTimeOffset, DateTimeOffset, int, IAsyncEnumerable<ActivityRow>> UserTimeline =
        EF.CompileAsyncQuery((DbContext db, Guid userId, DateTimeOffset since, DateTimeOffset until, int take) =>
            from r in db.Set<UsageEvent>()
                    .Where(e => e.UserId == userId && e.OccurredAt >= since && e.OccurredAt < until)
                    .OrderByDescending(e => e.OccurredAt).Take(take).Select(UsageRow)
                .Concat(db.Set<ActivityEvent>()
                    .Where(e => e.UserId == userId && e.OccurredAt >= since && e.OccurredAt < until)
                    .OrderByDescending(e => e.OccurredAt).Take(take).Select(PortalRow))
                .OrderByDescending(r => r.OccurredAt)
                .Take(take)
            join u in db.Set<ApplicationUser>() on r.ActorId equals (Guid?)u.Id into actors
            from u in actors.DefaultIfEmpty()
            orderby r.OccurredAt descending
            select new ActivityRow
            {
                Kind = r.Kind,
                Title = r.Title,
                OccurredAt = r.OccurredAt,
                ActorId = r.ActorId,
                FirstName = u.FirstName,
                LastName = u.LastName,
                Email = u.Email,
            });

    /// <summary>The most items of one instant a page takes (see <see cref="LoadPageAsync"/>).</summary>
    public const int MaxAtOneInstant = 200;

    /// <summary>
    /// A page of <see cref="LoadAsync"/>: <paramref name="take"/> items, and whether older ones exist. "Show more"
    /// continues strictly before the last item's instant, so a page never splits an instant: when the items after the
    /// last one share its instant (two members' launches recorded in the same second), the page takes every item of
    /// that instant (up to <see cref="MaxAtOneInstant"/>), which costs two more round trips only then.
    /// </summary>
    public static async Task<ActivityPage> LoadPageAsync(
        DbContext db, Guid userId, DateTimeOffset since, DateTimeOffset? before, int take, Guid? organizationId = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(take);
        var items = await LoadAsync(db, userId, since, before, take + 1, organizationId, cancellationToken);
        if (items.Count <= take)
        {
            return new ActivityPage(items, HasMore: false);
        }

        var boundary = items[take - 1].OccurredAt;
        if (items[take].OccurredAt != boundary)
        {
            return new ActivityPage(items[..take], HasMore: true);
        }

        // A millisecond wide, as SQLite stores instants to a tenth of one; the newer items of that millisecond are on
        // the page already.
        var atBoundary = await LoadAsync(db, userId, boundary, boundary.AddMilliseconds(1), MaxAtOneInstant, organizationId, cancellationToken);
        var older = await LoadAsync(db, userId, since, boundary, 1, organizationId, cancellationToken);
        return new ActivityPage(
            [.. items.Where(i => i.OccurredAt > boundary), .. atBoundary.Where(i => i.OccurredAt == boundary)],
            HasMore: older.Count > 0);
    }

    /// <summary>
    /// At most <paramref name="take"/> items at or after <paramref name="since"/> and before <paramref name="before"/>:
    /// the feed of <paramref name="organizationId"/> as <paramref name="userId"/> sees it when one is given, else the
    /// user's own timeline.
    /// </summary>
    public static async Task<List<ActivityItem>> LoadAsync(
        DbContext db, Guid userId, DateTimeOffset since, DateTimeOffset? before, int take, Guid? organizationId = null, CancellationToken cancellationToken = default)
    {
        var until = before ?? DateTimeOffset.MaxValue;
        var rows = organizationId is { } organization
            ? OrganizationFeed(db, userId, organization, since, until, take)
            : UserTimeline(db, userId, since, until, take);
        var items = new List<ActivityItem>(take);
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            var name = row.Email is null ? null : PersonName.Display(row.FirstName, row.LastName, row.Email);
            items.Add(new ActivityItem((ActivityKind)row.Kind, row.Title, row.OccurredAt, row.ActorId, name));
        }

        return items;
    }

    private sealed class ActivityRow
    {
        public int Kind { get; init; }

        public string Title { get; init; } = string.Empty;

        public DateTimeOffset OccurredAt { get; init; }

        public Guid? ActorId { get; init; }

        public string? FirstName { get; init; }

        public string? LastName { get; init; }

        public string? Email { get; init; }
    }
}
