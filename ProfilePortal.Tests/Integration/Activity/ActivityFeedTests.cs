using Microsoft.EntityFrameworkCore;
using ProfilePortal.Domain.Activity;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Organizations;
using ProfilePortal.Domain.Quotas;
using ProfilePortal.Infrastructure.Persistence;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Activity;

public sealed class ActivityFeedTests(PortalServices portal) : IClassFixture<PortalServices>
{
    [Fact]
    public async Task The_feed_merges_platform_and_portal_events_newest_first_within_the_window()
    {
        var (userId, organizationId) = await NewUserAsync();
        var now = portal.Clock.GetUtcNow();
        await using (var db = await portal.Get<IPortalDbContextFactory>().CreateAsync())
        {
            db.UsageEvents.Add(UsageEvent.Record(organizationId, userId, UsageEventKind.TrainingRun, "resnet-50", 1, now.AddHours(-1)));
            db.UsageEvents.Add(UsageEvent.Record(organizationId, userId, UsageEventKind.DatasetUpload, "images.zip", 0, now.AddHours(-3)));
            db.UsageEvents.Add(UsageEvent.Record(organizationId, userId, UsageEventKind.Job, "too old", 0, now.AddDays(-15)));
            db.UsageEvents.Add(UsageEvent.Record(organizationId, Guid.NewGuid(), UsageEventKind.Job, "someone else's", 0, now));
            db.ActivityEvents.Add(ActivityEvent.Record(userId, organizationId, ActivityKind.ProfileEdited, "Company", now.AddHours(-2)));
            await db.SaveChangesAsync();
        }

        var items = await QueryAsync(userId, now.AddDays(-14), 10);

        Assert.Equal(
            [(ActivityKind.TrainingRun, "resnet-50"), (ActivityKind.ProfileEdited, "Company"), (ActivityKind.DatasetUpload, "images.zip")],
            items.Select(i => (i.Kind, i.Title)));
    }

    [Fact]
    public async Task The_feed_takes_the_newest_events_across_both_sources()
    {
        var (userId, organizationId) = await NewUserAsync();
        var now = portal.Clock.GetUtcNow();
        await using (var db = await portal.Get<IPortalDbContextFactory>().CreateAsync())
        {
            for (var i = 0; i < 12; i++)
            {
                db.UsageEvents.Add(UsageEvent.Record(organizationId, userId, UsageEventKind.TrainingRun, $"run {i}", 1, now.AddMinutes(-2 * i)));
                db.ActivityEvents.Add(ActivityEvent.Record(userId, organizationId, ActivityKind.QuotaChanged, $"grant {i}", now.AddMinutes((-2 * i) - 1)));
            }

            await db.SaveChangesAsync();
        }

        var items = await QueryAsync(userId, now.AddDays(-14), 10);

        Assert.Equal(10, items.Count);
        Assert.Equal(items.OrderByDescending(i => i.OccurredAt), items);
        Assert.Equal(now, items[0].OccurredAt);
        Assert.Equal(now.AddMinutes(-9), items[^1].OccurredAt);
    }

    [Fact]
    public async Task Show_more_pages_back_through_the_window_without_repeating_an_event()
    {
        var (userId, organizationId) = await NewUserAsync();
        var now = portal.Clock.GetUtcNow();
        await using (var db = await portal.Get<IPortalDbContextFactory>().CreateAsync())
        {
            db.UsageEvents.AddRange(Enumerable.Range(0, 25).Select(i =>
                UsageEvent.Record(organizationId, userId, UsageEventKind.TrainingRun, $"run {i}", 1, now.AddHours(-i))));
            await db.SaveChangesAsync();
        }

        var service = portal.Get<ProfilePortal.Domain.Profile.ProfileService>();
        var first = (await service.LoadPageAsync(userId)).Value;
        var second = (await service.LoadActivityAsync(userId, first.Activity[^1].OccurredAt)).Value;
        var third = (await service.LoadActivityAsync(userId, second.Items[^1].OccurredAt)).Value;

        Assert.True(first.HasMoreActivity);
        Assert.True(second.HasMore);
        Assert.False(third.HasMore);
        var titles = first.Activity.Concat(second.Items).Concat(third.Items).Select(i => i.Title).ToList();
        Assert.Equal(Enumerable.Range(0, 25).Select(i => $"run {i}"), titles);
    }

    [Fact]
    public async Task Every_kind_of_portal_event_comes_back_as_itself()
    {
        var (userId, organizationId) = await NewUserAsync();
        var now = portal.Clock.GetUtcNow();
        var kinds = Enum.GetValues<ActivityKind>();
        await using (var db = await portal.Get<IPortalDbContextFactory>().CreateAsync())
        {
            db.ActivityEvents.AddRange(kinds.Select((kind, i) => ActivityEvent.Record(userId, organizationId, kind, kind.ToString(), now.AddMinutes(-i))));
            await db.SaveChangesAsync();
        }

        var items = await QueryAsync(userId, now.AddDays(-1), kinds.Length);

        Assert.Equal(kinds, items.Select(i => i.Kind));
    }

    private async Task<List<ActivityItem>> QueryAsync(Guid userId, DateTimeOffset since, int take)
    {
        await using var db = await portal.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await ActivityFeed.LoadAsync(db, userId, since, before: null, take);
    }

    private async Task<(Guid UserId, Guid OrganizationId)> NewUserAsync()
    {
        var user = await portal.RegisteredUserAsync();
        return (user.Id, (await portal.Get<OrganizationAccess>().GetMembershipsAsync(user.Id)).Single().OrganizationId);
    }
}
