using System.Text.RegularExpressions;
using ProfilePortal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace ProfilePortal.Tests.EndToEnd;

[Collection(EndToEndCollection.Name)]
public sealed class SignInProtectionTests(PortalApp app, BrowserFixture browser)
{
    private const string Password = "a-long-enough-secret";

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        var email = await app.ConfirmedUserAsync(Password, "lockout");
        var page = await browser.NewPageAsync(app.BaseAddress);

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            await page.SignInAsync(email, "wrong-password-" + attempt);
            await Expect(page.FormError()).ToBeVisibleAsync();
        }

        await page.SignInAsync(email, "wrong-password-5");
        await Expect(page).ToHaveURLAsync(new Regex("Account/Lockout"));

        await page.SignInAsync(email, Password);
        await Expect(page).ToHaveURLAsync(new Regex("Account/Lockout"));
        await Expect(page.CurrentUser()).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_forgotten_password_is_reset_by_the_emailed_link_which_then_stops_working()
    {
        var email = await app.ConfirmedUserAsync(Password, "reset");
        var page = await browser.NewPageAsync(app.BaseAddress);

        await RequestResetAsync(page, email);
        var link = (await app.Mail.WaitForMessageAsync(email)).LinkTo("Account/ResetPassword").ToString();
        const string newPassword = "a-brand-new-secret";
        await SetNewPasswordAsync(page, link, email, newPassword);
        await Expect(page).ToHaveURLAsync(new Regex("Account/ResetPasswordConfirmation"));

        await page.SignInAsync(email, newPassword);
        await Expect(page.CurrentUser()).ToContainTextAsync(email);

        var again = await browser.NewPageAsync(app.BaseAddress);
        await SetNewPasswordAsync(again, link, email, "yet-another-secret");
        await Expect(again.FormError()).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_reset_page_answers_the_same_for_an_unknown_email_and_sends_nothing()
    {
        var page = await browser.NewPageAsync(app.BaseAddress);
        var known = await app.ConfirmedUserAsync(Password, "known");
        var unknown = Builders.UniqueEmail("unknown");

        await RequestResetAsync(page, known);
        var knownUrl = page.Url;
        var knownText = await page.Locator("main").InnerTextAsync();
        await RequestResetAsync(page, unknown);

        Assert.Equal(knownUrl, page.Url);
        Assert.Equal(knownText, await page.Locator("main").InnerTextAsync());
        await app.Mail.WaitForMessageAsync(known);
        Assert.Empty(await app.Mail.GetMessagesAsync(unknown));
    }

    private static async Task RequestResetAsync(Microsoft.Playwright.IPage page, string email)
    {
        await page.GotoAsync("Account/ForgotPassword");
        await page.FillAsync("[name='Input.Email']", email);
        await page.ClickAsync("[data-testid='forgot-submit']");
        await Expect(page).ToHaveURLAsync(new Regex("Account/ForgotPasswordConfirmation"));
    }

    private static async Task SetNewPasswordAsync(Microsoft.Playwright.IPage page, string link, string email, string password)
    {
        await page.GotoAsync(link);
        await page.FillAsync("[name='Input.Email']", email);
        await page.FillAsync("[name='Input.Password']", password);
        await page.FillAsync("[name='Input.ConfirmPassword']", password);
        await page.ClickAsync("[data-testid='reset-submit']");
    }
}
