using Microsoft.Playwright;
using ProfilePortal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace ProfilePortal.Tests.EndToEnd;

[Collection(EndToEndCollection.Name)]
public sealed class SignUpJourneyTests(PortalApp app, BrowserFixture browser)
{
    private const string Password = "a-long-enough-secret";

    [Fact]
    public async Task A_newcomer_signs_up_confirms_by_the_emailed_link_signs_in_and_signs_out()
    {
        var page = await browser.NewPageAsync(app.BaseAddress);
        var email = Builders.UniqueEmail("newcomer");

        await page.RegisterAsync(email, Password);
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("Account/RegisterConfirmation"));

        var message = await app.Mail.WaitForMessageAsync(email);
        await page.GotoAsync(message.LinkTo("Account/ConfirmEmail").ToString());
        await Expect(page.Locator("[data-testid='confirm-email-status']")).ToBeVisibleAsync();
        await Expect(page.FormError()).ToHaveCountAsync(0);

        await page.SignInAsync(email, Password);
        await Expect(page.CurrentUser()).ToContainTextAsync(email);

        // The circuit re-renders the shell when it takes over; a click on the prerendered button at that moment is lost.
        await page.WaitForInteractiveAsync();
        await page.ClickAsync("[data-testid='sign-out']");
        await Expect(page.CurrentUser()).ToHaveCountAsync(0);
        await page.GotoAsync("Account/Manage");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("Account/Login"));
    }

    [Fact]
    public async Task Signing_in_before_confirming_the_email_is_refused()
    {
        var page = await browser.NewPageAsync(app.BaseAddress);
        var email = Builders.UniqueEmail("unconfirmed");
        await page.RegisterAsync(email, Password);
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("Account/RegisterConfirmation"));

        await page.SignInAsync(email, Password);

        await Expect(page.FormError()).ToBeVisibleAsync();
        await Expect(page.CurrentUser()).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_taken_email_and_a_weak_password_get_clear_messages_and_create_nothing()
    {
        var page = await browser.NewPageAsync(app.BaseAddress);
        var email = Builders.UniqueEmail("taken");
        await page.RegisterAsync(email, Password);
        await app.Mail.WaitForMessageAsync(email);

        await page.RegisterAsync(email, Password);
        await Expect(page.FormError()).ToBeVisibleAsync();
        await Expect(page.Locator("[name='Input.Email']")).ToHaveValueAsync(email);

        var weak = Builders.UniqueEmail("weak");
        await page.RegisterAsync(weak, "short");
        await Expect(page.Locator("text=/8/")).Not.ToHaveCountAsync(0);
        Assert.Null(await app.FindUserAsync(weak));
        Assert.Single(await app.Mail.GetMessagesAsync(email));
    }

    [Fact]
    public async Task A_tampered_confirmation_link_is_refused_with_a_way_forward()
    {
        var page = await browser.NewPageAsync(app.BaseAddress);
        var email = Builders.UniqueEmail("tampered");
        await page.RegisterAsync(email, Password);
        var link = (await app.Mail.WaitForMessageAsync(email)).LinkTo("Account/ConfirmEmail").ToString();

        await page.GotoAsync(link.Replace("code=", "code=x", StringComparison.Ordinal));

        await Expect(page.FormError()).ToBeVisibleAsync();
        await Expect(page.Locator("a[href*='ResendEmailConfirmation']")).Not.ToHaveCountAsync(0);
        var user = await app.FindUserAsync(email);
        Assert.False(user!.EmailConfirmed);
    }
}
