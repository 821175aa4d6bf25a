using Microsoft.EntityFrameworkCore;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Domain.Notifications;
using ProfilePortal.Domain.Profile;
using ProfilePortal.Domain.Quotas;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Unit.Quotas;

/// <summary>
/// The low-quota email rules over a real SQLite database and a fake clock that stays in November 2026 (the
/// next period is in <see cref="QuotaNotifierPeriodTests"/>). Each test makes its own users and organization
/// and looks only at their mail; the Free plan gives 50 launches, low from 41 used (9 left, under 20 %),
/// exhausted at 50.
/// </summary>
public sealed class QuotaNotifierTests(PortalServices portal) : IClassFixture<PortalServices>
{
    [Theory]
    [InlineData(40, 0)] // 10 left: exactly 20 %, still fine
    [InlineData(41, 1)] // 9 left: under 20 %
    [InlineData(49, 1)]
    [InlineData(50, 1)] // nothing left
    public async Task An_email_is_queued_from_the_warning_threshold_on(int launches, int expected)
    {
        var anna = await portal.ConfirmedUserAsync();
        await portal.LaunchAsync(await portal.PersonalOrganizationAsync(anna.Id), launches);

        await SweepAsync();

        Assert.Equal(expected, (await portal.QuotaMailToAsync(anna)).Count);
    }

    [Fact]
    public async Task Low_and_then_exhausted_are_each_emailed_once_however_often_the_sweep_runs()
    {
        var anna = await portal.ConfirmedUserAsync();
        var organizationId = await portal.PersonalOrganizationAsync(anna.Id);

        await portal.LaunchAsync(organizationId, 41);
        await SweepAsync();
        await portal.LaunchAsync(organizationId, 4);
        await SweepAsync();
        await SweepAsync();
        var afterLow = await portal.QuotaMailToAsync(anna);
        portal.Clock.Advance(TimeSpan.FromMinutes(5));
        await portal.LaunchAsync(organizationId, 5);
        await SweepAsync();
        await SweepAsync();

        Assert.Equal(["Your launches are running low"], afterLow.Select(m => m.Subject));
        Assert.Equal(["Your launches are running low", "You have used all your launches"], (await portal.QuotaMailToAsync(anna)).Select(m => m.Subject));
        var notices = await portal.QuotaNoticesOfAsync(anna);
        Assert.Equal([QuotaLevel.Low, QuotaLevel.Exhausted], notices.Select(n => n.Level));
        Assert.Equal([(41, 50), (50, 50)], notices.Select(n => (n.Used, n.Limit)));
    }

    [Fact]
    public async Task Straight_to_exhausted_sends_only_the_exhausted_email()
    {
        var anna = await portal.ConfirmedUserAsync();

        await portal.LaunchAsync(await portal.PersonalOrganizationAsync(anna.Id), 50);
        await SweepAsync();

        Assert.Equal(["You have used all your launches"], (await portal.QuotaMailToAsync(anna)).Select(m => m.Subject));
    }

    [Fact]
    public async Task Every_opted_in_member_gets_one_and_a_member_who_switched_it_off_gets_none()
    {
        var owner = await portal.ConfirmedUserAsync();
        var colleague = await portal.ConfirmedUserAsync(language: "ru");
        var quiet = await portal.ConfirmedUserAsync();
        var organizationId = await portal.PersonalOrganizationAsync(owner.Id);
        await portal.JoinAsync(organizationId, colleague.Id);
        await portal.JoinAsync(organizationId, quiet.Id);
        await SwitchOffAsync(quiet.Id);

        await portal.LaunchAsync(organizationId, 45);
        await SweepAsync();

        Assert.Single(await portal.QuotaMailToAsync(owner));
        Assert.Equal("Запуски заканчиваются", Assert.Single(await portal.QuotaMailToAsync(colleague)).Subject);
        Assert.Empty(await portal.QuotaMailToAsync(quiet));
        Assert.Empty(await portal.QuotaNoticesOfAsync(quiet));
    }

    [Fact]
    public async Task An_unconfirmed_address_gets_nothing()
    {
        var unconfirmed = await portal.RegisteredUserAsync();

        await portal.LaunchAsync(await portal.PersonalOrganizationAsync(unconfirmed.Id), 45);
        await SweepAsync();

        Assert.Empty(await portal.QuotaMailToAsync(unconfirmed));
    }

    [Fact]
    public async Task The_email_gives_the_figures_the_reset_in_the_members_time_zone_the_link_and_how_to_switch_it_off()
    {
        var anna = await portal.ConfirmedUserAsync(language: "ru");
        var ben = await portal.ConfirmedUserAsync();
        await SetTimeZoneAsync(anna.Id, "Asia/Tokyo");
        var organizationId = await portal.PersonalOrganizationAsync(anna.Id);
        await portal.JoinAsync(organizationId, ben.Id);

        await portal.LaunchAsync(organizationId, 46);
        await SweepAsync();

        var russian = Assert.Single(await portal.QuotaMailToAsync(anna)).TextBody;
        Assert.Contains("Использовано: 46 из 50. Осталось: 4.", russian, StringComparison.Ordinal);
        // The Free quota renews on 1 December at 00:00 UTC: 09:00 in Tokyo.
        Assert.Contains("Квота обновится 1 декабря 2026, 09:00 (Asia/Tokyo).", russian, StringComparison.Ordinal);
        Assert.Contains("\nhttp://localhost:5080/profile\n", russian, StringComparison.Ordinal);
        Assert.Contains("выключите этот переключатель в разделе «Уведомления»", russian, StringComparison.Ordinal);
        var english = Assert.Single(await portal.QuotaMailToAsync(ben)).TextBody;
        Assert.Contains("Used: 46 of 50. Left: 4.", english, StringComparison.Ordinal);
        Assert.Contains("The quota renews on 1 December 2026, 00:00 (UTC).", english, StringComparison.Ordinal);
        Assert.Contains("turn off that switch under Notifications", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_sweeps_at_once_queue_each_email_once()
    {
        var anna = await portal.ConfirmedUserAsync();
        var ben = await portal.ConfirmedUserAsync();
        var organizationId = await portal.PersonalOrganizationAsync(anna.Id);
        await portal.JoinAsync(organizationId, ben.Id);
        await portal.LaunchAsync(organizationId, 45);
        var notifier = portal.Get<QuotaNotifier>();

        await Task.WhenAll(Task.Run(() => notifier.SweepAsync(batchSize: 100)), Task.Run(() => notifier.SweepAsync(batchSize: 100)));

        Assert.Single(await portal.QuotaMailToAsync(anna));
        Assert.Single(await portal.QuotaMailToAsync(ben));
    }

    [Fact]
    public async Task A_launch_that_commits_below_the_watermark_is_still_seen_by_the_next_sweep()
    {
        var anna = await portal.ConfirmedUserAsync();
        var organizationId = await portal.PersonalOrganizationAsync(anna.Id);
        await portal.LaunchAsync(organizationId, 39);
        // An insert that took its id first and commits last: the id is taken, the row not yet visible.
        var lateId = await ReserveEventIdAsync(organizationId);
        await portal.LaunchAsync(organizationId, 1);
        await SweepAsync();
        Assert.Empty(await portal.QuotaMailToAsync(anna));

        await InsertWithIdAsync(lateId, organizationId);
        await SweepAsync();

        Assert.Single(await portal.QuotaMailToAsync(anna));
    }

    [Fact]
    public async Task A_sweep_reads_only_what_is_new_after_reading_each_range_twice()
    {
        var anna = await portal.ConfirmedUserAsync();
        await portal.LaunchAsync(await portal.PersonalOrganizationAsync(anna.Id), 3);

        var first = await SweepAsync();
        var second = await SweepAsync();
        var third = await SweepAsync();

        Assert.True(first.Organizations >= 1);
        Assert.True(second.Organizations >= 1);
        Assert.Equal(new QuotaNoticeSweepResult(0, 0), third);
    }

    private Task<QuotaNoticeSweepResult> SweepAsync() => portal.SweepQuotaNoticesAsync();

    private async Task<long> ReserveEventIdAsync(Guid organizationId)
    {
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        var placeholder = UsageEvent.Record(organizationId, null, UsageEventKind.TrainingRun, "placeholder", 1, portal.Clock.GetUtcNow());
        db.UsageEvents.Add(placeholder);
        await db.SaveChangesAsync();
        db.UsageEvents.Remove(placeholder);
        await db.SaveChangesAsync();
        return placeholder.Id;
    }

    private async Task InsertWithIdAsync(long id, Guid organizationId)
    {
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        var late = UsageEvent.Record(organizationId, null, UsageEventKind.TrainingRun, "late", 1, portal.Clock.GetUtcNow());
        db.UsageEvents.Add(late).Property(e => e.Id).CurrentValue = id;
        await db.SaveChangesAsync();
    }

    private async Task SwitchOffAsync(Guid userId)
    {
        var profiles = portal.Get<ProfileService>();
        var profile = (await profiles.GetAsync(userId)).Value;
        var update = new ProfileUpdate(
            profile.FirstName, profile.LastName, profile.Company, profile.Country, profile.TimeZone, profile.AvatarUrl, profile.Phone,
            profile.PreferredLanguage, NotifyWhenQuotaLow: false);
        Assert.True((await profiles.UpdateAsync(userId, update, profile.Version)).Succeeded);
    }

    private async Task SetTimeZoneAsync(Guid userId, string zone)
    {
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.TimeZone, zone));
    }
}
