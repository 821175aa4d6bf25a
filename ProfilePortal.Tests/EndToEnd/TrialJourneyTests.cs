using Deque.AxeCore.Playwright;
using ProfilePortal.Infrastructure.Identity;
using ProfilePortal.Tests.Support;
using static Microsoft.Playwright.Assertions;
using static ProfilePortal.Tests.EndToEnd.AxeAssertions;

namespace ProfilePortal.Tests.EndToEnd;

[Collection(EndToEndCollection.Name)]
public sealed class TrialJourneyTests(PortalApp app, BrowserFixture browser)
{
    private const string Cleo = "cleo@profileportal.local";

    [Fact]
    public async Task A_new_customer_starts_a_trial_with_a_sandbox_card_sees_it_everywhere_and_cancels_it()
    {
        var page = await browser.NewPageAsync(app.BaseAddress);
        await page.SignInAsync(Cleo, DemoDataSeeder.CustomerPassword);
        await Expect(page.CurrentUser()).ToContainTextAsync(Cleo);

        await page.GotoAsync("pricing");
        await Expect(page.ByTestId("pricing-trial")).ToHaveCountAsync(4);
        await page.WaitForInteractiveAsync();
        await page.Locator("[data-testid='pricing-plan'][data-code='new_monthly'] [data-testid='pricing-trial']").ClickAsync();

        await Expect(page.ByTestId("trial-then")).ToContainTextAsync("3");
        await Expect(page.ByTestId("trial-start")).ToBeEnabledAsync();
        await Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("free trial"));
        AssertNoSeriousViolations(await page.RunAxe(), "the trial start page");
        await page.ByTestId("card-number").FillAsync("4242 4242 4242 4242");
        await page.ByTestId("card-expiry").FillAsync("12/30");
        await page.ByTestId("card-cvc").FillAsync("123");
        await page.ByTestId("trial-start").ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/billing\\?trial=started"));
        await Expect(page.ByTestId("billing-status")).ToContainTextAsync("Trial");
        await Expect(page.ByTestId("billing-trial")).ToContainTextAsync("Free trial until");
        await Expect(page.ByTestId("trial-banner-text")).ToContainTextAsync("7 days left");
        await Expect(page.ByTestId("billing-card-mask")).ToContainTextAsync("•••• 4242");
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('.mud-snackbar')].every(e => getComputedStyle(e).opacity === '1')");
        AssertNoSeriousViolations(await page.RunAxe(), "the billing page in a trial");

        await page.ByTestId("billing-cancel-trial").ClickAsync();
        await Expect(page.ByTestId("trial-cancel-charge")).ToContainTextAsync("will not be taken");
        AssertNoSeriousViolations(await page.RunAxe(), "the trial cancel page");
        await page.ByTestId("trial-cancel-confirm").ClickAsync();
        await Expect(page.ByTestId("trial-cancel-done")).ToContainTextAsync("nothing will be charged");
        await Expect(page.ByTestId("trial-banner-text")).ToContainTextAsync("cancelled");

        // Both emails reach the customer's mailbox.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await app.Mail.GetMessagesAsync(Cleo)).Count(m => m.Subject.Contains("trial", StringComparison.OrdinalIgnoreCase)) < 2)
        {
            Assert.True(DateTime.UtcNow < deadline, "The trial emails did not reach the customer within 30 s.");
            await Task.Delay(250);
        }
    }
}
