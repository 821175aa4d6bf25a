using System.Globalization;
using System.Text.Json;
using Bunit;
using ProfilePortal.Components.Billing;
using ProfilePortal.Components.Trials;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Payments;
using ProfilePortal.Tests.Components.Billing;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Components.Trials;

/// <summary>
/// The trial page with the CloudPayments gateway: the card is bound in the provider's widget (played by bUnit's JS
/// interop and the test's notifications), then the trial starts with it after the provider checked it again.
/// </summary>
public sealed class TrialStartWithCloudPaymentsTests(CloudPaymentsUiServices portal) : BillingTestContext(portal), IClassFixture<CloudPaymentsUiServices>
{
    [Fact]
    public async Task A_card_bound_in_the_widget_starts_the_trial_without_charging_anything()
    {
        var customer = await SignedInOwnerAsync();
        var module = JSInterop.SetupModule("./js/cloudpayments.js");
        module.Setup<CloudPaymentsWidgetResult>("pay", _ => true).SetResult(new CloudPaymentsWidgetResult("success", ""));
        var page = Render<TrialStartPage>(p => p.Add(c => c.PlanCode, "new_quarterly"));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=card-binding-start]")));
        Assert.Empty(page.FindAll("[data-testid=card-form]"));

        var binding = page.Find("[data-testid=card-binding-start]").ClickAsync(new());
        JsonElement widget = default;
        page.WaitForAssertion(() => widget = JsonSerializer.SerializeToElement(Assert.Single(module.Invocations, i => i.Identifier == "pay").Arguments[1]));
        var held = portal.Provider.AuthorizeInWidget(widget.GetProperty("invoiceId").GetString()!, customer.OrganizationId.ToString(), 1m);
        var notifications = Portal.Get<PaymentNotificationService>();
        await notifications.HandleAsync(Notification(NotificationKind.Check, widget, held.TransactionId, null));
        await notifications.HandleAsync(Notification(
            NotificationKind.Pay, widget, held.TransactionId, new CardDetails(CloudPaymentsEmulator.SuccessToken, "Visa", "4242", 12, 2030, "fp-4242")));
        for (var i = 0; i < 40 && !binding.IsCompleted; i++)
        {
            Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20);
        }

        await binding.WaitAsync(TimeSpan.FromSeconds(10));
        page.WaitForAssertion(() => Assert.EndsWith("/billing?trial=started", Navigation.Uri, StringComparison.Ordinal));
        var subscription = await Portal.SubscriptionAsync(customer.OrganizationId);
        Assert.Equal((SubscriptionStatus.Trialing, "new_quarterly"), (subscription.Status, subscription.PlanCode));
        // Two 1 ₽ holds (the widget's binding and the trial's check of the saved token), both released; no charge.
        Assert.Equal(2, portal.Provider.Voids.Count(v => portal.Provider.Charges.Any(c => c.TransactionId == v.TransactionId && c.AccountId == customer.OrganizationId.ToString())));
        Assert.DoesNotContain(portal.Provider.Charges, c => c.AccountId == customer.OrganizationId.ToString() && c.Status == "Completed");
    }

    private static ProviderNotification Notification(NotificationKind kind, JsonElement widget, long transactionId, CardDetails? card) => new(
        "cloudpayments", kind, transactionId.ToString(CultureInfo.InvariantCulture), widget.GetProperty("invoiceId").GetString(),
        widget.GetProperty("accountId").GetString(), widget.GetProperty("amount").GetDecimal(), widget.GetProperty("currency").GetString()!, card,
        null, null, null, $"TransactionId={transactionId}");
}
