using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using ProfilePortal.Domain.Activity;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Organizations;
using ProfilePortal.Domain.Profile;
using ProfilePortal.Domain.Quotas;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Profile;

public sealed class ProfileServiceTests(ProfileServices portal) : IClassFixture<ProfileServices>
{
    private static readonly ProfileUpdate Edit = new("Анна", "Смирнова", "ML Lab", "RU", "Europe/Moscow", null, "+79161234567", "ru", NotifyWhenQuotaLow: true);

    [Fact]
    public async Task The_page_loads_profile_quota_and_activity_in_at_most_three_round_trips()
    {
        var user = await portal.RegisteredUserAsync();
        var service = portal.Get<ProfileService>();
        await service.LoadPageAsync(user.Id); // warms EF's query cache; the quota cache is dropped below
        var organizationId = (await service.GetAsync(user.Id)).Value.OrganizationId!.Value;
        await portal.Get<QuotaService>().InvalidateAsync(organizationId);
        portal.Commands.Reset();

        var page = await service.LoadPageAsync(user.Id);

        Assert.True(page.Succeeded);
        Assert.InRange(portal.Commands.Count, 1, 3);
        Assert.Equal(user.Email, page.Value.Profile.Email);
        Assert.Equal(OrganizationRole.Owner, page.Value.Profile.Role);
        Assert.Equal("free", page.Value.Profile.PlanCode);
        Assert.Equal(50, page.Value.Quota.Limit);
        Assert.Empty(page.Value.Activity);
    }

    [Fact]
    public async Task An_edit_is_saved_audited_and_shown_in_the_activity_feed()
    {
        var user = await portal.RegisteredUserAsync();
        var service = portal.Get<ProfileService>();
        var before = (await service.GetAsync(user.Id)).Value;

        var saved = await service.UpdateAsync(user.Id, Edit, before.Version);

        Assert.True(saved.Succeeded);
        Assert.Equal("Анна Смирнова", saved.Value.DisplayName);
        Assert.Equal("Europe/Moscow", saved.Value.TimeZone);
        Assert.NotEqual(before.Version, saved.Value.Version);
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        var audit = await db.AuditEntries.SingleAsync(a => a.TargetId == user.Id.ToString());
        Assert.Equal("profile.updated", audit.Action);
        Assert.Equal(user.Id, audit.ActorUserId);
        Assert.Contains("\"Company\":{\"from\":null,\"to\":\"ML Lab\"}", audit.Changes, StringComparison.Ordinal);
        var page = await service.LoadPageAsync(user.Id);
        var item = Assert.Single(page.Value.Activity);
        Assert.Equal(ActivityKind.ProfileEdited, item.Kind);
        Assert.Equal(portal.Clock.GetUtcNow(), item.OccurredAt);
    }

    [Fact]
    public async Task Switching_off_low_quota_emails_is_saved_audited_and_shown_in_the_activity_feed()
    {
        var user = await portal.RegisteredUserAsync();
        var service = portal.Get<ProfileService>();
        var before = (await service.GetAsync(user.Id)).Value;
        Assert.True(before.NotifyWhenQuotaLow);

        var saved = await service.UpdateAsync(user.Id, Unchanged(before) with { NotifyWhenQuotaLow = false }, before.Version);

        Assert.False(saved.Value.NotifyWhenQuotaLow);
        Assert.False((await service.GetAsync(user.Id)).Value.NotifyWhenQuotaLow);
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        var audit = await db.AuditEntries.SingleAsync(a => a.TargetId == user.Id.ToString());
        Assert.Equal("{\"NotifyWhenQuotaLow\":{\"from\":\"true\",\"to\":\"false\"}}", audit.Changes);
        var item = Assert.Single((await service.LoadPageAsync(user.Id)).Value.Activity);
        Assert.Equal((ActivityKind.ProfileEdited, "NotifyWhenQuotaLow"), (item.Kind, item.Title));
    }

    [Fact]
    public async Task Two_edits_of_the_same_version_keep_the_first_and_report_a_conflict_to_the_second()
    {
        var user = await portal.RegisteredUserAsync();
        var service = portal.Get<ProfileService>();
        var version = (await service.GetAsync(user.Id)).Value.Version;

        var first = await service.UpdateAsync(user.Id, Edit with { Company = "First" }, version);
        var second = await service.UpdateAsync(user.Id, Edit with { Company = "Second" }, version);

        Assert.True(first.Succeeded);
        Assert.Equal("profile.conflict", Assert.Single(second.Errors).Code);
        Assert.Equal("First", (await service.GetAsync(user.Id)).Value.Company);
    }

    [Fact]
    public async Task Edits_racing_in_parallel_never_both_win()
    {
        var user = await portal.RegisteredUserAsync();
        var service = portal.Get<ProfileService>();
        var version = (await service.GetAsync(user.Id)).Value.Version;

        var results = await Task.WhenAll(
            Enumerable.Range(0, 4).Select(i => Task.Run(() => service.UpdateAsync(user.Id, Edit with { Company = $"Company {i}" }, version))));

        var winner = Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal("profile.conflict", Assert.Single(r.Errors).Code));
        Assert.Equal(winner.Value.Company, (await service.GetAsync(user.Id)).Value.Company);
    }

    [Fact]
    public async Task Invalid_input_stores_nothing()
    {
        var user = await portal.RegisteredUserAsync();
        var service = portal.Get<ProfileService>();
        var before = (await service.GetAsync(user.Id)).Value;

        var result = await service.UpdateAsync(user.Id, Edit with { AvatarUrl = "javascript:alert(1)", FirstName = "<b>x</b>" }, before.Version);

        Assert.Equal(["AvatarUrl", "FirstName"], result.Errors.Select(e => e.Field).Order());
        Assert.Equal(before, (await service.GetAsync(user.Id)).Value);
    }

    [Fact]
    public async Task Views_edits_and_shown_activity_are_counted_for_the_metrics_endpoint()
    {
        var user = await portal.RegisteredUserAsync();
        var service = portal.Get<ProfileService>();
        var meters = portal.Get<IMeterFactory>();
        using var views = new MetricCollector<long>(meters, ProfileMetrics.MeterName, "profile_view");
        using var edits = new MetricCollector<long>(meters, ProfileMetrics.MeterName, "profile_edit");
        using var shown = new MetricCollector<long>(meters, ProfileMetrics.MeterName, "profile_activity_events");

        await service.UpdateAsync(user.Id, Edit, (await service.GetAsync(user.Id)).Value.Version);
        await service.LoadPageAsync(user.Id);

        Assert.Equal(1, views.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal(1, edits.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal(1, shown.GetMeasurementSnapshot().EvaluateAsCounter());
    }

    [Fact]
    public async Task Saving_unchanged_values_writes_no_audit_entry()
    {
        var user = await portal.RegisteredUserAsync();
        var service = portal.Get<ProfileService>();
        var saved = await service.UpdateAsync(user.Id, Edit, (await service.GetAsync(user.Id)).Value.Version);

        var again = await service.UpdateAsync(user.Id, Edit, saved.Value.Version);

        Assert.Equal(saved.Value.Version, again.Value.Version);
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.TargetId == user.Id.ToString()));
    }

    private static ProfileUpdate Unchanged(ProfileView profile) => new(
        profile.FirstName, profile.LastName, profile.Company, profile.Country, profile.TimeZone, profile.AvatarUrl, profile.Phone,
        profile.PreferredLanguage, profile.NotifyWhenQuotaLow);
}
