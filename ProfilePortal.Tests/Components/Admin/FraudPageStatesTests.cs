using Bunit;
using ProfilePortal.Tests.Components.Profile;

namespace ProfilePortal.Tests.Components.Admin;

/// <summary>The fraud page's empty and error states, on a database of its own with no signals.</summary>
public sealed class FraudPageStatesTests(ProfileUiServices portal) : FraudPageTestContext(portal), IClassFixture<ProfileUiServices>
{
    [Fact]
    public async Task With_nothing_to_review_both_lists_say_so()
    {
        await SignedInAdminAsync();

        var page = RenderPage();

        Assert.Equal("Fraud review", page.Find("[data-testid=page-title]").TextContent.Trim());
        Assert.NotNull(page.Find("[data-testid=fraud-signals-empty]"));
        Assert.NotNull(page.Find("[data-testid=fraud-blocks-empty]"));
    }

    [Fact]
    public async Task In_russian_the_page_and_its_columns_are_translated()
    {
        await SignedInAdminAsync();
        UseCulture("ru");

        var page = RenderPage();

        Assert.Equal("Проверка на мошенничество", page.Find("[data-testid=page-title]").TextContent.Trim());
        Assert.Contains("Правило", page.Find("[data-testid=fraud-signals] thead").TextContent, StringComparison.Ordinal);
        Assert.Contains("Сигналов нет", page.Find("[data-testid=fraud-signals-empty]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_the_database_fails_the_lists_say_so_and_retry()
    {
        await SignedInAdminAsync();
        Portal.Outage.IsDown = true;

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=fraud-signals-error]")));
        Assert.NotNull(page.Find("[data-testid=fraud-blocks-error]"));

        Portal.Outage.IsDown = false;
        await page.Find("[data-testid=fraud-signals-retry]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=fraud-signals-empty]")));
        Assert.NotNull(page.Find("[data-testid=fraud-blocks-empty]"));
    }
}
