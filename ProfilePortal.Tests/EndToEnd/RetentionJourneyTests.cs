using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ProfilePortal.Domain.Organizations;
using ProfilePortal.Domain.Payments;
using ProfilePortal.Infrastructure.Payments.Sandbox;
using ProfilePortal.Tests.Support;
using static Microsoft.Playwright.Assertions;
using static ProfilePortal.Tests.EndToEnd.AxeAssertions;

namespace ProfilePortal.Tests.EndToEnd;

[Collection(EndToEndCollection.Name)]
public sealed class RetentionJourneyTests(PortalApp app, BrowserFixture browser)
{
    private const string Password = "Retention-journey-2026";

    [Fact]
    public async Task A_customer_who_finds_the_plan_too_expensive_accepts_the_discount_with_the_keyboard_and_sees_it_on_billing()
    {
        var email = await app.ConfirmedUserAsync(Password, "leaving");
        await BuyMonthlyAsync(email);
        var page = await browser.NewPageAsync(app.BaseAddress);
        await page.SignInAsync(email, Password);
        await Expect(page.CurrentUser()).ToContainTextAsync(email);

        await page.GotoAsync("billing");
        await Expect(page.ByTestId("billing-plan-name")).ToContainTextAsync("Monthly");
        await page.WaitForInteractiveAsync();
        await page.ByTestId("billing-cancel").ClickAsync();

        await Expect(page.ByTestId("cancel-reason-step")).ToBeVisibleAsync();
        await page.WaitForInteractiveAsync();
        await Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("Cancel subscription"));
        AssertNoSeriousViolations(await page.RunAxe(), "the cancellation reason step");

        // The reason step with the keyboard alone: Continue without a reason, then pick one with Space.
        await page.ByTestId("cancel-reason-continue").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.ByTestId("cancel-reason-error")).ToContainTextAsync("Choose why you are cancelling.");
        await page.ByTestId("cancel-reason-TooExpensive").FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await page.ByTestId("cancel-reason-continue").FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.ByTestId("cancel-offer-discount")).ToContainTextAsync("Stay and get 20% off");
        AssertNoSeriousViolations(await page.RunAxe(), "the cancellation offer step");
        await page.ByTestId("cancel-accept-discount").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.ByTestId("cancel-saved")).ToContainTextAsync("The discount applies until");

        await page.ByTestId("cancel-to-billing").ClickAsync();
        await Expect(page.ByTestId("billing-discount")).ToContainTextAsync("20% off each charge until");
        await Expect(page.ByTestId("billing-status")).ToContainTextAsync("Active");
        await Expect(page.ByTestId("billing-cancel")).ToBeVisibleAsync();
    }

    /// <summary>The customer's organization buys the monthly plan with a sandbox test card, through the app's own services.</summary>
    private async Task BuyMonthlyAsync(string email)
    {
        var user = await app.FindUserAsync(email);
        var services = app.Services;
        var workspace = await services.GetRequiredService<OrganizationAccess>().GetWorkspaceAsync(user!.Id);
        var billing = services.GetRequiredService<BillingService>();
        var checkout = await billing.StartPlanPurchaseAsync(user.Id, workspace!.Current.OrganizationId, "new_monthly");
        var card = SandboxCards.Tokenize(BillingScenario.GoodCard, 12, 2030, "123", DateTimeOffset.UtcNow).Value;
        var paid = await billing.PayAsync(user.Id, checkout.Value.PaymentId, card);
        Assert.True(paid.Succeeded, string.Join("; ", paid.Errors.Select(e => e.Message)));
    }
}
