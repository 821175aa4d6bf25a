using Bunit;
using ProfilePortal.Components.Billing;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Payments;
using ProfilePortal.Tests.Components.Profile;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Components.Billing;

/// <summary>The widget button with the browser side played by bUnit's JS interop.</summary>
public sealed class CloudPaymentsWidgetButtonTests(ProfileUiServices portal) : BillingTestContext(portal), IClassFixture<ProfileUiServices>
{
    private async Task<(Customer Customer, Checkout Checkout)> CheckoutAsync()
    {
        var customer = await SignedInOwnerAsync();
        var checkout = await Billing.StartPlanPurchaseAsync(customer.Id, customer.OrganizationId, "new_quarterly");
        return (customer, checkout.Value);
    }

    private BunitJSModuleInterop WidgetModule(string status)
    {
        var module = JSInterop.SetupModule("./js/cloudpayments.js");
        module.Setup<CloudPaymentsWidgetResult>("pay", _ => true).SetResult(new CloudPaymentsWidgetResult(status, ""));
        return module;
    }

    [Fact]
    public async Task The_widget_gets_the_invoice_account_and_amount_and_a_settled_payment_completes_the_checkout()
    {
        var (customer, checkout) = await CheckoutAsync();
        var module = WidgetModule("success");
        // The provider's Pay notification arrives while the widget is open.
        await Portal.Get<PaymentNotificationService>().HandleAsync(new ProviderNotification(
            "cloudpayments", NotificationKind.Pay, "9001", checkout.InvoiceId, checkout.OrganizationId.ToString(), 9900m, "RUB",
            new CardDetails("tk_success", "Visa", "4242", 12, 2030, null), null, null, null, "TransactionId=9001"));
        Payment? paid = null;
        var button = Render<CloudPaymentsWidgetButton>(p => p
            .Add(c => c.Checkout, checkout)
            .Add(c => c.UserId, customer.Id)
            .Add(c => c.OnPaid, (Payment payment) => paid = payment));

        Assert.Equal("Pay ₽9,900 by card", DisplayText.Spaced(button.Find("[data-testid=widget-pay]").TextContent));
        await button.Find("[data-testid=widget-pay]").ClickAsync(new());

        button.WaitForAssertion(() => Assert.NotNull(paid));
        Assert.Equal(PaymentStatus.Succeeded, paid!.Status);
        var invocation = Assert.Single(module.Invocations, i => i.Identifier == "pay");
        var options = System.Text.Json.JsonSerializer.Serialize(invocation.Arguments[1]);
        Assert.Contains($"\"invoiceId\":\"{checkout.InvoiceId}\"", options, StringComparison.Ordinal);
        Assert.Contains($"\"accountId\":\"{checkout.OrganizationId}\"", options, StringComparison.Ordinal);
        Assert.Contains("\"amount\":9900", options, StringComparison.Ordinal);
        Assert.Contains("\"currency\":\"RUB\"", options, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fail", "did not go through")]
    [InlineData("unavailable", "could not open")]
    public async Task A_failed_or_missing_widget_says_so_and_nothing_is_paid(string status, string message)
    {
        var (customer, checkout) = await CheckoutAsync();
        WidgetModule(status);
        var button = Render<CloudPaymentsWidgetButton>(p => p.Add(c => c.Checkout, checkout).Add(c => c.UserId, customer.Id));

        await button.Find("[data-testid=widget-pay]").ClickAsync(new());

        button.WaitForAssertion(() => Assert.Contains(message, button.Find("[data-testid=widget-message]").TextContent, StringComparison.Ordinal));
        Assert.Equal(Plan.FreeCode, (await Portal.SubscriptionAsync(customer.OrganizationId)).PlanCode);
    }
}
