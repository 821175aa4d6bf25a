using AngleSharp.Dom;
using Bunit;
using ProfilePortal.Components.Admin;
using ProfilePortal.Domain.Notifications;
using ProfilePortal.Tests.Components.Profile;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Components.Admin;

public sealed class EmailsPageTests(ProfileUiServices portal) : AdminOpsTestContext(portal), IClassFixture<ProfileUiServices>
{
    [Fact]
    public async Task The_grid_shows_each_message_with_its_status_and_attempts_and_the_status_chips_filter_it()
    {
        await Portal.ClearOutboxAsync();
        var sent = await Portal.StoreAsync(EmailStatus.Sent);
        var failed = await Portal.StoreAsync(EmailStatus.Failed);
        await SignedInAdminAsync();

        var page = RenderPageLoaded();

        page.WaitForAssertion(() => Assert.Equal(2, Rows(page).Count));
        var failedRow = RowOf(page, failed.ToAddress);
        Assert.Equal("Failed", failedRow.QuerySelector("[data-testid=emails-status]")!.TextContent.Trim());
        Assert.Contains("10", failedRow.TextContent, StringComparison.Ordinal);
        Assert.Equal("Sent", RowOf(page, sent.ToAddress).QuerySelector("[data-testid=emails-status]")!.TextContent.Trim());

        await page.Find("[data-testid=emails-filter-failed]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Equal([failed.ToAddress], Rows(page).Select(To)));
        Assert.Equal("true", page.Find("[data-testid=emails-filter-failed]").GetAttribute("aria-pressed"));
    }

    [Fact]
    public async Task Searching_by_recipient_prefix_narrows_the_grid_and_an_empty_result_says_so()
    {
        await Portal.ClearOutboxAsync();
        var mine = await Portal.StoreAsync(EmailStatus.Sent, "prefix-match@example.com");
        await Portal.StoreAsync(EmailStatus.Sent, "other@example.com");
        await SignedInAdminAsync();
        var page = RenderPageLoaded();
        page.WaitForAssertion(() => Assert.Equal(2, Rows(page).Count));

        await Recipient(page).ChangeAsync(new() { Value = "prefix-" });
        page.WaitForAssertion(() => Assert.Equal([mine.ToAddress], Rows(page).Select(To)));

        await Recipient(page).ChangeAsync(new() { Value = "nobody" });
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=emails-empty]")));
    }

    [Fact]
    public async Task A_failed_row_expands_to_its_last_error()
    {
        await Portal.ClearOutboxAsync();
        var failed = await Portal.StoreAsync(EmailStatus.Failed);
        await SignedInAdminAsync();
        var page = RenderPageLoaded();
        page.WaitForAssertion(() => Assert.Single(Rows(page)));
        Assert.Empty(page.FindAll("[data-testid=emails-error-details]"));

        await RowOf(page, failed.ToAddress).QuerySelector("td button")!.ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains(OutboxStates.FailedError, page.Find("[data-testid=emails-error-details]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Resending_a_failed_message_asks_first_then_queues_it_again()
    {
        await Portal.ClearOutboxAsync();
        var failed = await Portal.StoreAsync(EmailStatus.Failed, subject: "Your receipt");
        await SignedInAdminAsync();
        var page = RenderPageLoaded();
        page.WaitForAssertion(() => Assert.Single(Rows(page)));

        var click = RowOf(page, failed.ToAddress).QuerySelector("[data-testid=emails-resend]")!.ClickAsync(new());
        Dialogs.WaitForAssertion(() => Assert.Contains($"Queue “Your receipt” to {failed.ToAddress} again?", Dialogs.Markup, StringComparison.Ordinal));
        await Dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Resend").ClickAsync(new());
        await click;

        page.WaitForAssertion(() => Assert.Equal("Pending", RowOf(page, failed.ToAddress).QuerySelector("[data-testid=emails-status]")!.TextContent.Trim()));
        Assert.Equal((EmailStatus.Pending, 0), ((await Portal.ReloadAsync(failed.Id)).Status, (await Portal.ReloadAsync(failed.Id)).Attempts));
        Snackbars.WaitForAssertion(() => Assert.Contains("Queued.", Snackbars.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_suppressed_message_offers_no_resend_and_a_pending_one_neither()
    {
        await Portal.ClearOutboxAsync();
        var suppressed = await Portal.StoreAsync(EmailStatus.Suppressed);
        var pending = await Portal.StoreAsync(EmailStatus.Pending);
        await SignedInAdminAsync();
        var page = RenderPageLoaded();
        page.WaitForAssertion(() => Assert.Equal(2, Rows(page).Count));

        var suppressedRow = RowOf(page, suppressed.ToAddress);
        Assert.Null(suppressedRow.QuerySelector("[data-testid=emails-resend]"));
        Assert.Equal("Opted out: never sent", suppressedRow.QuerySelector("[data-testid=emails-suppressed-note]")!.TextContent.Trim());
        Assert.Null(RowOf(page, pending.ToAddress).QuerySelector("[data-testid=emails-resend]"));
    }

    [Fact]
    public async Task The_page_is_in_russian_for_a_russian_admin()
    {
        await Portal.ClearOutboxAsync();
        await Portal.StoreAsync(EmailStatus.Failed);
        UseCulture("ru");
        await SignedInAdminAsync();

        var page = RenderPageLoaded();

        page.WaitForAssertion(() => Assert.Equal("Ошибка", page.Find("[data-testid=emails-status]").TextContent.Trim()));
        Assert.Contains("Очередь писем", page.Markup, StringComparison.Ordinal);
        Assert.Equal("Отправить снова", page.Find("[data-testid=emails-resend]").TextContent.Trim());
    }

    [Fact]
    public async Task A_customer_who_reaches_the_page_is_refused_by_the_service()
    {
        await SignedInCustomerAsync();

        var page = RenderWithProviders<EmailsPage>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=access-denied]")));
        Assert.Empty(page.FindAll("[data-testid=emails-grid]"));
    }

    private IRenderedComponent<EmailsPage> RenderPageLoaded()
    {
        var page = RenderWithProviders<EmailsPage>();
        page.WaitForAssertion(() =>
        {
            Assert.Empty(page.FindAll("[data-testid=emails-loading]"));
            Assert.Empty(page.FindAll("[data-testid=emails-grid-loading]"));
        });
        return page;
    }

    private static IElement Recipient(IRenderedComponent<EmailsPage> page)
    {
        var field = page.Find("[data-testid=emails-recipient]");
        return field.TagName.Equals("input", StringComparison.OrdinalIgnoreCase) ? field : field.QuerySelector("input")!;
    }

    private static List<IElement> Rows(IRenderedComponent<EmailsPage> page) =>
        [.. page.FindAll("[data-testid=emails-grid] tbody tr").Where(r => r.QuerySelector("td.emails-to") is not null)];

    private static string To(IElement row) => row.QuerySelector("td.emails-to")!.TextContent.Trim();

    private static IElement RowOf(IRenderedComponent<EmailsPage> page, string to) => Rows(page).Single(r => To(r) == to);
}
