using Microsoft.EntityFrameworkCore;
using ProfilePortal.Domain.Activity;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Organizations;
using ProfilePortal.Domain.Profile;
using ProfilePortal.Domain.Quotas;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Activity;

/// <summary>
/// An organization's feed: its launches are shared by its members, so each member sees everyone's, each attributed to
/// the member who launched it, and nothing of another organization or of another user's own (organization-less) events.
/// </summary>
public sealed class OrganizationActivityFeedTests(PortalServices portal) : IClassFixture<PortalServices>
{
    [Fact]
    public async Task Each_member_sees_every_members_launches_attributed_to_who_launched_them()
    {
        var team = await TeamAsync();
        var stranger = await portal.ConfirmedUserAsync(Builders.UniqueEmail("stranger"));
        var strangers = await portal.PersonalOrganizationAsync(stranger.Id);
        var now = portal.Clock.GetUtcNow();
        await using (var db = await portal.Get<IPortalDbContextFactory>().CreateAsync())
        {
            db.UsageEvents.Add(UsageEvent.Record(team.OrganizationId, team.AnnId, UsageEventKind.TrainingRun, "ann's run", 1, now.AddHours(-1)));
            db.UsageEvents.Add(UsageEvent.Record(team.OrganizationId, team.BobId, UsageEventKind.TrainingRun, "bob's run", 1, now.AddHours(-2)));
            db.UsageEvents.Add(UsageEvent.Record(team.OrganizationId, null, UsageEventKind.Job, "platform job", 0, now.AddHours(-3)));
            db.ActivityEvents.Add(ActivityEvent.Record(team.BobId, team.OrganizationId, ActivityKind.PlanChanged, "free → new_monthly", now.AddHours(-4)));
            db.ActivityEvents.Add(ActivityEvent.Record(team.AnnId, null, ActivityKind.ProfileEdited, "Company", now.AddHours(-5)));
            db.ActivityEvents.Add(ActivityEvent.Record(team.BobId, null, ActivityKind.ProfileEdited, "TimeZone", now.AddHours(-6)));

            // Another organization's launches, Bob's launch in his own organization, and the stranger's profile edit.
            db.UsageEvents.Add(UsageEvent.Record(strangers, stranger.Id, UsageEventKind.TrainingRun, "stranger's run", 1, now.AddMinutes(-30)));
            db.UsageEvents.Add(UsageEvent.Record(team.BobsOwnOrganizationId, team.BobId, UsageEventKind.TrainingRun, "bob's private run", 1, now.AddMinutes(-90)));
            db.ActivityEvents.Add(ActivityEvent.Record(stranger.Id, null, ActivityKind.ProfileEdited, "Country", now.AddMinutes(-150)));
            await db.SaveChangesAsync();
        }

        var profiles = portal.Get<ProfileService>();
        var annsPage = (await profiles.LoadPageAsync(team.AnnId)).Value;
        var annsFeed = await FeedAsync(team.AnnId, team.OrganizationId);
        var bobsFeed = await FeedAsync(team.BobId, team.OrganizationId);

        (string, Guid?, string?)[] shared =
        [
            ("ann's run", team.AnnId, "Ann Lee"),
            ("bob's run", team.BobId, team.BobEmail),
            ("platform job", null, null),
            ("free → new_monthly", team.BobId, team.BobEmail),
        ];
        Assert.Equal(team.OrganizationId, annsPage.Profile.OrganizationId);
        Assert.Equal([.. shared, ("Company", team.AnnId, "Ann Lee")], annsPage.Activity.Select(Attribution));
        Assert.Equal(annsPage.Activity, annsFeed);
        Assert.Equal([.. shared, ("TimeZone", team.BobId, team.BobEmail)], bobsFeed.Select(Attribution));
    }

    [Fact]
    public async Task A_member_who_has_left_keeps_their_launches_in_the_feed_but_is_no_longer_named()
    {
        var team = await TeamAsync();
        var now = portal.Clock.GetUtcNow();
        await using (var db = await portal.Get<IPortalDbContextFactory>().CreateAsync())
        {
            db.UsageEvents.Add(UsageEvent.Record(team.OrganizationId, team.BobId, UsageEventKind.TrainingRun, "bob's run", 1, now.AddHours(-1)));
            await db.SaveChangesAsync();
            await db.Memberships.Where(m => m.OrganizationId == team.OrganizationId && m.UserId == team.BobId).ExecuteDeleteAsync();
        }

        var feed = await FeedAsync(team.AnnId, team.OrganizationId);

        Assert.Equal([("bob's run", team.BobId, null)], feed.Select(Attribution));
    }

    [Fact]
    public async Task Someone_outside_the_organization_is_refused_its_feed()
    {
        var team = await TeamAsync();
        var stranger = await portal.ConfirmedUserAsync(Builders.UniqueEmail("stranger"));

        var result = await portal.Get<ProfileService>().LoadActivityAsync(stranger.Id, DateTimeOffset.MaxValue, organizationId: team.OrganizationId);

        Assert.Equal([Error.Forbidden().Code], result.Errors.Select(e => e.Code));
    }

    [Fact]
    public async Task Launches_recorded_in_the_same_second_across_a_page_boundary_are_neither_skipped_nor_repeated()
    {
        var team = await TeamAsync();
        var now = portal.Clock.GetUtcNow();
        var sameSecond = now.AddHours(-3);
        await using (var db = await portal.Get<IPortalDbContextFactory>().CreateAsync())
        {
            // Eight newer launches, then six recorded in the same second across the first page's end, then three older.
            db.UsageEvents.AddRange(Enumerable.Range(0, 8).Select(i =>
                UsageEvent.Record(team.OrganizationId, team.AnnId, UsageEventKind.TrainingRun, $"newer {i}", 1, now.AddMinutes(-i - 1))));
            db.UsageEvents.AddRange(Enumerable.Range(0, 6).Select(i =>
                UsageEvent.Record(team.OrganizationId, i % 2 == 0 ? team.AnnId : team.BobId, UsageEventKind.TrainingRun, $"same second {i}", 1, sameSecond)));
            db.UsageEvents.AddRange(Enumerable.Range(0, 3).Select(i =>
                UsageEvent.Record(team.OrganizationId, team.BobId, UsageEventKind.TrainingRun, $"older {i}", 1, sameSecond.AddMinutes(-i - 1))));
            await db.SaveChangesAsync();
        }

        var profiles = portal.Get<ProfileService>();
        var first = (await profiles.LoadActivityAsync(team.AnnId, DateTimeOffset.MaxValue, take: 10, organizationId: team.OrganizationId)).Value;
        var second = (await profiles.LoadActivityAsync(team.AnnId, first.Items[^1].OccurredAt, take: 10, organizationId: team.OrganizationId)).Value;

        Assert.Equal(14, first.Items.Count);
        Assert.True(first.HasMore);
        Assert.Equal(["older 0", "older 1", "older 2"], second.Items.Select(i => i.Title));
        Assert.False(second.HasMore);
        Assert.Equal(
            Enumerable.Range(0, 6).Select(i => $"same second {i}").Order(StringComparer.Ordinal),
            first.Items.Skip(8).Select(i => i.Title).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_instant_that_ends_the_feed_leaves_no_show_more()
    {
        var team = await TeamAsync();
        var sameSecond = portal.Clock.GetUtcNow().AddHours(-1);
        await using (var db = await portal.Get<IPortalDbContextFactory>().CreateAsync())
        {
            db.UsageEvents.AddRange(Enumerable.Range(0, 12).Select(i =>
                UsageEvent.Record(team.OrganizationId, team.AnnId, UsageEventKind.Job, $"job {i}", 0, sameSecond)));
            await db.SaveChangesAsync();
        }

        var page = (await portal.Get<ProfileService>().LoadActivityAsync(team.AnnId, DateTimeOffset.MaxValue, take: 10, organizationId: team.OrganizationId)).Value;

        Assert.Equal(12, page.Items.Count);
        Assert.False(page.HasMore);
    }

    [Fact]
    public async Task Show_more_pages_back_across_every_members_launches_without_repeating_one()
    {
        var team = await TeamAsync();
        var now = portal.Clock.GetUtcNow();
        await using (var db = await portal.Get<IPortalDbContextFactory>().CreateAsync())
        {
            db.UsageEvents.AddRange(Enumerable.Range(0, 25).Select(i =>
                UsageEvent.Record(team.OrganizationId, i % 2 == 0 ? team.AnnId : team.BobId, UsageEventKind.TrainingRun, $"run {i}", 1, now.AddHours(-i))));
            await db.SaveChangesAsync();
        }

        var profiles = portal.Get<ProfileService>();
        var first = (await profiles.LoadPageAsync(team.AnnId)).Value;
        var second = (await profiles.LoadActivityAsync(team.AnnId, first.Activity[^1].OccurredAt, organizationId: team.OrganizationId)).Value;
        var third = (await profiles.LoadActivityAsync(team.AnnId, second.Items[^1].OccurredAt, organizationId: team.OrganizationId)).Value;

        Assert.True(first.HasMoreActivity);
        Assert.True(second.HasMore);
        Assert.False(third.HasMore);
        Assert.Equal(
            Enumerable.Range(0, 25).Select(i => ($"run {i}", (Guid?)(i % 2 == 0 ? team.AnnId : team.BobId))),
            first.Activity.Concat(second.Items).Concat(third.Items).Select(i => (i.Title, i.ActorId)));
    }

    private static (string Title, Guid? ActorId, string? ActorName) Attribution(ActivityItem item) => (item.Title, item.ActorId, item.ActorName);

    private async Task<IReadOnlyList<ActivityItem>> FeedAsync(Guid userId, Guid organizationId)
    {
        var page = await portal.Get<ProfileService>().LoadActivityAsync(userId, DateTimeOffset.MaxValue, take: 50, organizationId: organizationId);
        Assert.True(page.Succeeded, string.Join("; ", page.Errors.Select(e => e.Code)));
        return page.Value.Items;
    }

    /// <summary>Ann (named) owns the organization; Bob (no name, so known by his email) is a member of it and has his own.</summary>
    private async Task<Team> TeamAsync()
    {
        var ann = await portal.ConfirmedUserAsync(Builders.UniqueEmail("ann"));
        var bob = await portal.ConfirmedUserAsync(Builders.UniqueEmail("bob"));
        var organizationId = await portal.PersonalOrganizationAsync(ann.Id);
        var bobsOwn = await portal.PersonalOrganizationAsync(bob.Id);
        await portal.JoinAsync(organizationId, bob.Id, OrganizationRole.Member);
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        await db.Users.Where(u => u.Id == ann.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.FirstName, "Ann").SetProperty(u => u.LastName, "Lee"));
        return new Team(organizationId, ann.Id, bob.Id, bob.Email!, bobsOwn);
    }

    private sealed record Team(Guid OrganizationId, Guid AnnId, Guid BobId, string BobEmail, Guid BobsOwnOrganizationId);
}
