using AngleSharp.Dom;
using Bunit;
using ProfilePortal.Components.Admin;
using ProfilePortal.Domain.Admin;
using ProfilePortal.Domain.Common;
using ProfilePortal.Tests.Components.Profile;
using Quartz;

namespace ProfilePortal.Tests.Components.Admin;

public sealed class JobsPageTests(ProfileUiServices portal) : AdminOpsTestContext(portal), IClassFixture<ProfileUiServices>
{
    [Fact]
    public async Task Every_job_is_listed_with_its_schedule_state_next_fire_and_last_run()
    {
        await RecordRunAsync("billing-renewals", TimeSpan.FromMilliseconds(1500), "Gateway timed out");
        await SignedInAdminAsync();

        var page = RenderPageLoaded();

        Assert.Equal(9, page.FindAll("[data-testid=jobs-grid] tbody tr").Count(r => r.QuerySelector("[data-testid=jobs-name]") is not null));
        var outbox = RowOf(page, "Email outbox dispatch");
        Assert.Equal("Every 15 s", outbox.QuerySelector("[data-testid=jobs-schedule]")!.TextContent.Trim());
        Assert.Equal("Active", outbox.QuerySelector("[data-testid=jobs-state]")!.TextContent.Trim());
        Assert.NotNull(outbox.QuerySelector("[data-testid=jobs-next] time"));
        Assert.NotNull(outbox.QuerySelector("[data-testid=jobs-never-run]"));
        var renewals = RowOf(page, "Subscription renewals");
        Assert.Equal("Every 1 min", renewals.QuerySelector("[data-testid=jobs-schedule]")!.TextContent.Trim());
        Assert.Equal("Failed", renewals.QuerySelector("[data-testid=jobs-outcome]")!.TextContent.Trim());
        Assert.Equal("took 1.5 s", renewals.QuerySelector("[data-testid=jobs-duration]")!.TextContent.Trim());
        Assert.Equal("Gateway timed out", renewals.QuerySelector("[data-testid=jobs-run-error]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Pausing_shows_the_trigger_paused_with_a_resume_button_and_resuming_brings_it_back()
    {
        await SignedInAdminAsync();
        var page = RenderPageLoaded();
        var scheduler = await Portal.Get<ISchedulerFactory>().GetScheduler();
        var key = new TriggerKey("pause-reminders", "sweeps");

        await RowOf(page, "Pause end reminders").QuerySelector("[data-testid=jobs-pause]")!.ClickAsync(new());

        page.WaitForAssertion(() => Assert.Equal("Paused", RowOf(page, "Pause end reminders").QuerySelector("[data-testid=jobs-state]")!.TextContent.Trim()));
        Assert.Equal(TriggerState.Paused, await scheduler.GetTriggerState(key));
        Assert.Equal("Not scheduled to fire", RowOf(page, "Pause end reminders").QuerySelector("[data-testid=jobs-next]")!.TextContent.Trim());

        await RowOf(page, "Pause end reminders").QuerySelector("[data-testid=jobs-resume]")!.ClickAsync(new());

        page.WaitForAssertion(() => Assert.Equal("Active", RowOf(page, "Pause end reminders").QuerySelector("[data-testid=jobs-state]")!.TextContent.Trim()));
        Assert.Equal(TriggerState.Normal, await scheduler.GetTriggerState(key));
        Assert.NotNull(RowOf(page, "Pause end reminders").QuerySelector("[data-testid=jobs-pause]"));
    }

    [Fact]
    public async Task Run_now_asks_the_scheduler_to_fire_the_job_and_says_so()
    {
        await SignedInAdminAsync();
        var page = RenderPageLoaded();
        var scheduler = await Portal.Get<ISchedulerFactory>().GetScheduler();

        await RowOf(page, "Win-back emails").QuerySelector("[data-testid=jobs-run-now]")!.ClickAsync(new());

        Snackbars.WaitForAssertion(() => Assert.Contains("Win-back emails was started.", Snackbars.Markup, StringComparison.Ordinal));
        Assert.Equal(2, (await scheduler.GetTriggersOfJob(new JobKey("win-back-sweep", "sweeps"))).Count);
    }

    [Fact]
    public async Task The_page_is_in_russian_for_a_russian_admin()
    {
        UseCulture("ru");
        await SignedInAdminAsync();

        var page = RenderPageLoaded();

        var outbox = RowOf(page, "Отправка писем из очереди");
        Assert.Equal("Каждые 15 с", outbox.QuerySelector("[data-testid=jobs-schedule]")!.TextContent.Trim());
        Assert.Equal("Запустить сейчас", outbox.QuerySelector("[data-testid=jobs-run-now]")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_customer_who_reaches_the_page_is_refused_by_the_service()
    {
        await SignedInCustomerAsync();

        var page = RenderWithProviders<JobsPage>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=access-denied]")));
        Assert.Empty(page.FindAll("[data-testid=jobs-grid]"));
    }

    private IRenderedComponent<JobsPage> RenderPageLoaded()
    {
        var page = RenderWithProviders<JobsPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=jobs-grid]")));
        return page;
    }

    private async Task RecordRunAsync(string job, TimeSpan duration, string? error)
    {
        await using var db = await Portal.Get<IPortalDbContextFactory>().CreateAsync();
        db.JobRuns.Add(JobRun.Record("sweeps", job, Portal.Clock.GetUtcNow(), duration, error, null));
        await db.SaveChangesAsync();
    }

    private static IElement RowOf(IRenderedComponent<JobsPage> page, string name) =>
        page.FindAll("[data-testid=jobs-grid] tbody tr")
            .Single(r => r.QuerySelector("[data-testid=jobs-name]")?.TextContent.Trim() == name);
}
