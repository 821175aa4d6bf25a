using Microsoft.Playwright;

namespace ProfilePortal.Tests.EndToEnd;

/// <summary>What a person does on the account pages, by the pages' stable test hooks.</summary>
internal static class AccountPages
{
    public static async Task RegisterAsync(this IPage page, string email, string password, string? confirmation = null)
    {
        await page.GotoAsync("Account/Register");
        await page.FillAsync("[name='Input.Email']", email);
        await page.FillAsync("[name='Input.Password']", password);
        await page.FillAsync("[name='Input.ConfirmPassword']", confirmation ?? password);
        await page.ClickAsync("[data-testid='register-submit']");
    }

    public static async Task SignInAsync(this IPage page, string email, string password)
    {
        await page.GotoAsync("Account/Login");
        await page.FillAsync("[name='Input.Email']", email);
        await page.FillAsync("[name='Input.Password']", password);
        await page.ClickAsync("[data-testid='login-submit']");
    }

    public static ILocator CurrentUser(this IPage page) => page.Locator("[data-testid='current-user']");

    public static ILocator FormError(this IPage page) => page.Locator("[data-testid='form-error']");
}
