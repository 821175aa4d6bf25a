using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using ProfilePortal.Infrastructure.Identity;
using ProfilePortal.Tests.Support;
using static Microsoft.Playwright.Assertions;
using static ProfilePortal.Tests.EndToEnd.AxeAssertions;

namespace ProfilePortal.Tests.EndToEnd;

[Collection(EndToEndCollection.Name)]
public sealed class ProfileJourneyTests(PortalApp app, BrowserFixture browser)
{
    private const string Anna = "anna@profileportal.local";
    private const string Ben = "ben@profileportal.local";

    [Fact]
    public async Task A_customer_edits_the_profile_sees_it_after_a_reload_and_browses_the_plans_by_keyboard()
    {
        var page = await browser.NewPageAsync(app.BaseAddress);
        await page.SignInAsync(Anna, DemoDataSeeder.CustomerPassword);
        await Expect(page.CurrentUser()).ToContainTextAsync(Anna);
        await page.OpenProfileAsync();
        await Expect(page.ByTestId("quota-card")).ToHaveAttributeAsync("data-quota-level", "low");

        // The drawer is a modal dialog: the focus moves into it, Escape closes it and the focus comes back to "Edit".
        await page.ByTestId("profile-edit").ClickAsync();
        await Expect(page.ByTestId("profile-edit-dialog")).ToBeVisibleAsync();
        // The dialog is shown from script after the first render: wait for the focus, do not sample once.
        await Expect(page.ByTestId("profile-edit-dialog").Locator(":focus")).ToHaveCountAsync(1);
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.ByTestId("profile-edit-dialog")).ToHaveCountAsync(0);
        await Expect(page.ByTestId("profile-edit")).ToBeFocusedAsync();
        // A click on the backdrop, beside the drawer, closes it too.
        await page.ByTestId("profile-edit").ClickAsync();
        await Expect(page.ByTestId("profile-edit-dialog").Locator(":focus")).ToHaveCountAsync(1);
        await page.Mouse.ClickAsync(5, 300);
        await Expect(page.ByTestId("profile-edit-dialog")).ToHaveCountAsync(0);

        // Edit in the drawer: the save shows at once, the focus comes back to "Edit".
        await page.ByTestId("profile-edit").ClickAsync();
        await Expect(page.ByTestId("profile-edit-dialog")).ToBeVisibleAsync();
        await Expect(page.ByTestId("profile-edit-dialog").Locator(":focus")).ToHaveCountAsync(1);
        var company = $"ML Lab {Guid.NewGuid():N}"[..16];
        await page.ByTestId("edit-company").FillAsync(company);
        await page.ByTestId("edit-phone").FillAsync("+7 916 123-45-67");
        // The country box offers the countries in the reader's language (its datalist); the name typed is saved.
        var country = page.ByTestId("edit-country");
        await Expect(page.Locator($"#{await country.GetAttributeAsync("list")} option[value='Германия']")).ToHaveCountAsync(1);
        await country.FillAsync("Германия");
        await page.ByTestId("profile-save").ClickAsync();
        await Expect(page.ByTestId("profile-edit-dialog")).ToHaveCountAsync(0);
        await Expect(page.ByTestId("profile-company")).ToHaveTextAsync(company);
        await Expect(page.ByTestId("profile-phone")).ToHaveTextAsync("+79161234567");
        await Expect(page.ByTestId("profile-country")).ToHaveTextAsync("Германия");
        await Expect(page.ByTestId("profile-edit")).ToBeFocusedAsync();
        await Expect(page.ByTestId("activity-item").First).ToHaveAttributeAsync("data-kind", "ProfileEdited");

        await page.ReloadAsync();
        await page.WaitForProfileIslandsAsync();
        await Expect(page.ByTestId("profile-company")).ToHaveTextAsync(company);

        // "Buy" opens the plans; Escape closes them and the focus returns to "Buy".
        await page.ByTestId("quota-buy").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.ByTestId("plans-dialog")).ToBeVisibleAsync();
        await Expect(page.ByTestId("plans-pack")).ToHaveCountAsync(3);
        await Expect(page.ByTestId("plans-contact")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^mailto:payments@mlservice\\.ai"));
        Assert.True(await page.FocusIsInsideAsync("plans-dialog") || await page.EvaluateAsync<bool>("() => !!document.activeElement.closest('.mud-dialog')"));
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.ByTestId("plans-dialog")).ToHaveCountAsync(0);
        await Expect(page.ByTestId("quota-buy")).ToBeFocusedAsync();
    }

    [Fact]
    public async Task Low_quota_emails_are_switched_off_by_keyboard_and_stay_off_after_a_reload()
    {
        var page = await browser.NewPageAsync(app.BaseAddress);
        await page.SignInAsync(Ben, DemoDataSeeder.CustomerPassword);
        await Expect(page.CurrentUser()).ToContainTextAsync(Ben);
        await page.OpenProfileAsync();
        await Expect(page.ByTestId("profile-notify-quota-low")).ToHaveTextAsync("On");

        await page.ByTestId("profile-edit").ClickAsync();
        var toggle = page.ByTestId("edit-notify-quota-low");
        await Expect(toggle).ToBeCheckedAsync();
        await toggle.FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await Expect(toggle).Not.ToBeCheckedAsync();
        await page.ByTestId("profile-save").ClickAsync();
        await Expect(page.ByTestId("profile-edit-dialog")).ToHaveCountAsync(0);
        await Expect(page.ByTestId("profile-notify-quota-low")).ToHaveTextAsync("Off");

        await page.ReloadAsync();
        await Expect(page.ByTestId("profile-page")).ToBeVisibleAsync();
        await Expect(page.ByTestId("profile-notify-quota-low")).ToHaveTextAsync("Off");
    }

    [Fact]
    public async Task A_customer_whose_quota_is_low_gets_the_low_quota_email_in_her_language()
    {
        // The sweep runs when the app starts; Anna's demo launches leave her 4 of 50.
        var message = await app.Mail.WaitForMessageAsync(Anna, timeout: TimeSpan.FromSeconds(60));

        Assert.Equal("Запуски заканчиваются", message.Subject);
        Assert.Contains("Осталось: 4.", message.Text, StringComparison.Ordinal);
        Assert.Equal("/profile", message.LinkTo("/profile").AbsolutePath);
    }

    [Fact]
    public async Task The_profile_page_has_no_serious_accessibility_violations()
    {
        var page = await browser.NewPageAsync(app.BaseAddress);
        await page.SignInAsync(Ben, DemoDataSeeder.CustomerPassword);
        await Expect(page.CurrentUser()).ToContainTextAsync(Ben);
        await page.OpenProfileAsync();

        AssertNoSeriousViolations(await page.RunAxe(), "the page");
    }

    [Fact]
    public async Task The_low_quota_warning_the_plans_dialog_and_field_errors_have_no_serious_accessibility_violations()
    {
        var page = await browser.NewPageAsync(app.BaseAddress);
        await page.SignInAsync(Anna, DemoDataSeeder.CustomerPassword);
        await Expect(page.CurrentUser()).ToContainTextAsync(Anna);
        await page.OpenProfileAsync();
        await Expect(page.ByTestId("quota-warning")).ToBeVisibleAsync();
        AssertNoSeriousViolations(await page.RunAxe(), "the page with a low quota");

        await page.ByTestId("profile-edit").ClickAsync();
        await page.ByTestId("edit-phone").FillAsync("12345");
        await page.ByTestId("profile-save").ClickAsync();
        await Expect(page.ByTestId("profile-errors")).ToBeVisibleAsync();
        await Expect(page.ByTestId("edit-phone")).ToBeFocusedAsync();
        AssertNoSeriousViolations(await page.RunAxe(), "the edit drawer with a field error");
        await page.ByTestId("profile-cancel").ClickAsync();
        await Expect(page.ByTestId("profile-edit-dialog")).ToHaveCountAsync(0);

        await page.ByTestId("quota-buy").ClickAsync();
        await Expect(page.ByTestId("plans-pack")).ToHaveCountAsync(3);
        AssertNoSeriousViolations(await page.RunAxe(), "the plans dialog");
    }
}
