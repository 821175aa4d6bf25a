using AngleSharp.Dom;
using Bunit;
using ProfilePortal.Components.Billing;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Payments;
using ProfilePortal.Tests.Components.Profile;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Components.Billing;

public sealed class CheckoutPageTests(ProfileUiServices portal) : BillingTestContext(portal), IClassFixture<ProfileUiServices>
{
    private IRenderedComponent<CheckoutPage> RenderCheckout(string plan = "new_quarterly")
    {
        Render<MudBlazor.MudSnackbarProvider>();
        var page = Render<CheckoutPage>(p => p.Add(c => c.PlanCode, plan));
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=checkout-loading]")));
        return page;
    }

    private static async Task EnterCardAsync(IRenderedComponent<CheckoutPage> page, string number, string expiry = "12/30", string cvc = "123")
    {
        await page.Find("[data-testid=card-number]").InputAsync(new() { Value = number });
        await page.Find("[data-testid=card-expiry]").InputAsync(new() { Value = expiry });
        await page.Find("[data-testid=card-cvc]").InputAsync(new() { Value = cvc });
    }

    private static string ErrorUnder(IRenderedComponent<CheckoutPage> page, string field) =>
        page.Find($"[data-testid=card-{field}]").Closest(".mud-input-control")?.QuerySelector(".mud-input-helper-text")?.TextContent ?? "";

    [Fact]
    public async Task The_summary_shows_the_plan_total_and_renewal_terms_and_lists_the_test_cards()
    {
        await SignedInOwnerAsync();

        var page = RenderCheckout();

        Assert.Equal("Quarterly", page.Find("[data-testid=checkout-plan]").TextContent.Trim());
        Assert.Equal("₽9,900", DisplayText.Spaced(page.Find("[data-testid=checkout-total]").TextContent));
        Assert.Contains("renews every 3 mo at ₽9,900", DisplayText.Spaced(page.Find("[data-testid=checkout-terms]").TextContent), StringComparison.Ordinal);
        Assert.Contains("4242 4242 4242 4242", page.Find("[data-testid=test-cards]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Pay ₽9,900", DisplayText.Spaced(page.Find("[data-testid=pay]").TextContent));
    }

    [Fact]
    public async Task Paying_with_a_test_card_activates_the_plan_and_goes_to_billing()
    {
        var customer = await SignedInOwnerAsync();
        var page = RenderCheckout();

        await EnterCardAsync(page, "4242 4242 4242 4242");
        await page.Find("[data-testid=pay]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("billing?paid=", Navigation.Uri, StringComparison.Ordinal));
        Assert.Equal("new_quarterly", (await Portal.SubscriptionAsync(customer.OrganizationId)).PlanCode);
    }

    [Theory]
    [InlineData("4242 4242 4242 4241", "12/30", "123", "number", "Enter a valid card number.")]
    [InlineData("4242 4242 4242 4242", "10/26", "123", "expiry", "The card has expired.")]
    [InlineData("4242 4242 4242 4242", "1230", "123", "expiry", "Enter the expiry as MM/YY.")]
    [InlineData("4242 4242 4242 4242", "12/30", "1", "cvc", "Enter the 3 or 4 digits from the back of the card.")]
    public async Task Bad_card_input_is_shown_under_its_field_and_nothing_is_charged(string number, string expiry, string cvc, string field, string message)
    {
        var customer = await SignedInOwnerAsync();
        var page = RenderCheckout();

        await EnterCardAsync(page, number, expiry, cvc);
        await page.Find("[data-testid=pay]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains(message, ErrorUnder(page, field), StringComparison.Ordinal));
        Assert.Equal(number, page.Find("[data-testid=card-number]").GetAttribute("value"));
        var payment = Assert.Single(await Portal.PaymentsAsync(customer.OrganizationId));
        Assert.Equal((PaymentStatus.Pending, 0), (payment.Status, payment.Attempts));
    }

    [Fact]
    public async Task A_declined_card_says_why_and_keeps_the_form()
    {
        var customer = await SignedInOwnerAsync();
        var page = RenderCheckout();

        await EnterCardAsync(page, BillingScenario.NoFundsCard);
        await page.Find("[data-testid=pay]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("insufficient funds", page.Find("[data-testid=payment-error]").TextContent, StringComparison.Ordinal));
        Assert.Equal(BillingScenario.NoFundsCard, page.Find("[data-testid=card-number]").GetAttribute("value"));
        Assert.Equal(Plan.FreeCode, (await Portal.SubscriptionAsync(customer.OrganizationId)).PlanCode);
        Assert.DoesNotContain("billing?paid=", Navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_saved_card_is_offered_and_used()
    {
        var customer = await SignedInOwnerAsync();
        await Billing.SaveCardAsync(customer.Id, customer.OrganizationId, Portal.Card());
        var page = RenderCheckout("new_monthly");

        Assert.Contains("•••• 4242", page.Find("[data-testid=payment-panel]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=card-form]"));
        await page.Find("[data-testid=pay]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("billing?paid=", Navigation.Uri, StringComparison.Ordinal));
        Assert.Equal("new_monthly", (await Portal.SubscriptionAsync(customer.OrganizationId)).PlanCode);
    }

    [Theory]
    [InlineData("3year", "This plan is not on sale.")]
    [InlineData("nonsense", "This plan is not on sale.")]
    public async Task A_plan_off_sale_is_refused_before_any_card_is_asked(string plan, string message)
    {
        await SignedInOwnerAsync();

        var page = RenderCheckout(plan);

        Assert.Contains(message, page.Find("[data-testid=checkout-refused]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=payment-panel]"));
    }

    [Fact]
    public async Task An_organization_with_a_paid_plan_is_sent_to_billing_instead_of_paying_again()
    {
        var customer = await SignedInOwnerAsync();
        await BuyAsync(customer, "new_monthly");

        var page = RenderCheckout("new_annual");

        Assert.Contains("already has a paid plan", page.Find("[data-testid=checkout-refused]").TextContent, StringComparison.Ordinal);
    }
}
