using Deque.AxeCore.Playwright;
using ProfilePortal.Infrastructure.Identity;
using ProfilePortal.Tests.Support;
using static Microsoft.Playwright.Assertions;
using static ProfilePortal.Tests.EndToEnd.AxeAssertions;

namespace ProfilePortal.Tests.EndToEnd;

[Collection(EndToEndCollection.Name)]
public sealed class BillingJourneyTests(PortalApp app, BrowserFixture browser)
{
    private const string Ben = "ben@profileportal.local";

    [Fact]
    public async Task A_demo_customer_buys_the_quarterly_plan_with_a_test_card_and_sees_it_on_billing()
    {
        var page = await browser.NewPageAsync(app.BaseAddress);
        await page.SignInAsync(Ben, DemoDataSeeder.CustomerPassword);
        await Expect(page.CurrentUser()).ToContainTextAsync(Ben);

        await page.GotoAsync("pricing");
        await Expect(page.ByTestId("pricing-plan")).ToHaveCountAsync(4);
        await page.WaitForInteractiveAsync();
        // The title comes with the page's head content; axe must not run before it is there.
        await Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("Plans"));
        AssertNoSeriousViolations(await page.RunAxe(), "the pricing page");
        await page.Locator("[data-testid='pricing-plan'][data-code='new_quarterly'] [data-testid='pricing-choose']").ClickAsync();

        await Expect(page.ByTestId("checkout-total")).ToContainTextAsync("9");
        // A declined card first: the reason shows and the form keeps the entry.
        await page.ByTestId("card-number").FillAsync("4000 0000 0000 9995");
        await page.ByTestId("card-expiry").FillAsync("12/30");
        await page.ByTestId("card-cvc").FillAsync("123");
        await page.ByTestId("pay").ClickAsync();
        await Expect(page.ByTestId("payment-error")).ToContainTextAsync("insufficient funds");
        AssertNoSeriousViolations(await page.RunAxe(), "the checkout with a declined card");

        await page.ByTestId("card-number").FillAsync("4242 4242 4242 4242");
        await page.ByTestId("pay").ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/billing\\?paid="));
        await Expect(page.ByTestId("billing-plan-name")).ToContainTextAsync("Quarterly");
        await Expect(page.ByTestId("billing-status")).ToContainTextAsync("Active");
        await Expect(page.ByTestId("billing-card-mask")).ToContainTextAsync("•••• 4242");
        // The declined attempt and the paid one are the same payment (one period, one idempotency key).
        await Expect(page.ByTestId("payment-row")).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-testid='payment-row'][data-status='Succeeded']")).ToHaveCountAsync(1);
        // Axe measures the success toast too: wait until it has faded in, or its half-transparent text fails contrast.
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('.mud-snackbar')].every(e => getComputedStyle(e).opacity === '1')");
        AssertNoSeriousViolations(await page.RunAxe(), "the billing page");

        await page.ByTestId("payment-receipt").ClickAsync();
        await Expect(page.ByTestId("receipt-amount")).ToContainTextAsync("9");
        await Expect(page.ByTestId("receipt-item")).ToContainTextAsync("Quarterly");

        // The receipt email reaches the customer's mailbox.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(await app.Mail.GetMessagesAsync(Ben)).Any(m => m.Subject.StartsWith("Receipt R-", StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < deadline, "No receipt email reached the customer within 30 s.");
            await Task.Delay(250);
        }
    }
}
