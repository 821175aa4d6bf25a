using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Domain.Organizations;
using ProfilePortal.Domain.Payments;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.EndToEnd;

/// <summary>
/// The portal with <c>Billing:Gateway=CloudPayments</c> against the loopback emulation of the provider: the
/// widget's notifications arrive signed over HTTP, saved tokens are charged through the real client.
/// </summary>
public sealed class CloudPaymentsBillingTests(CloudPaymentsPortalApp app) : IClassFixture<CloudPaymentsPortalApp>
{
    private BillingService Billing => app.Services.GetRequiredService<BillingService>();

    private CloudPaymentsEmulator Provider => app.Provider;

    private Uri Endpoint(string kind) => app.Url($"payments/cloudpayments/{kind}");

    private async Task<(Guid UserId, Guid OrganizationId)> CustomerAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var registered = await scope.ServiceProvider.GetRequiredService<AccountRegistration>()
            .RegisterAsync(Builders.UniqueEmail("cp"), Builders.StrongPassword, "en");
        var workspace = await app.Services.GetRequiredService<OrganizationAccess>().GetWorkspaceAsync(registered.Value.Id);
        return (registered.Value.Id, workspace!.Current.OrganizationId);
    }

    private static List<KeyValuePair<string, string>> WidgetPayment(Checkout checkout, long transactionId, string token = CloudPaymentsEmulator.SuccessToken) =>
    [
        new("TransactionId", transactionId.ToString(CultureInfo.InvariantCulture)),
        new("Amount", checkout.Amount.Amount.ToString("0.00", CultureInfo.InvariantCulture)),
        new("Currency", checkout.Amount.Currency),
        new("DateTime", "2026-11-23 10:00:00"),
        new("CardFirstSix", "424242"),
        new("CardLastFour", "4242"),
        new("CardType", "Visa"),
        new("CardExpDate", "12/29"),
        new("TestMode", "1"),
        new("OperationType", "Payment"),
        new("InvoiceId", checkout.InvoiceId),
        new("AccountId", checkout.OrganizationId.ToString()),
        new("Status", "Completed"),
        new("Token", token),
        new("CardId", "card-emulator-4242"),
    ];

    private async Task<int> SendAsync(string kind, IEnumerable<KeyValuePair<string, string>> fields, string secret = CloudPaymentsEmulator.ApiSecret)
    {
        using var response = await Provider.SendNotificationAsync(Endpoint(kind), fields, secret);
        response.EnsureSuccessStatusCode();
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        return answer.GetProperty("code").GetInt32();
    }

    private async Task<Subscription> SubscriptionAsync(Guid organizationId)
    {
        await using var db = await app.Services.GetRequiredService<IPortalDbContextFactory>().CreateAsync();
        return await db.Subscriptions.AsNoTracking().SingleAsync(s => s.OrganizationId == organizationId);
    }

    [Fact]
    public async Task A_widget_payment_is_checked_settled_by_the_signed_pay_notification_and_its_token_saved()
    {
        var (userId, organizationId) = await CustomerAsync();
        var checkout = (await Billing.StartPlanPurchaseAsync(userId, organizationId, "new_quarterly")).Value;

        Assert.Equal(0, await SendAsync("check", WidgetPayment(checkout, 7001)));
        Assert.Equal(0, await SendAsync("pay", WidgetPayment(checkout, 7001)));

        Assert.Equal(("new_quarterly", SubscriptionStatus.Active), ((await SubscriptionAsync(organizationId)).PlanCode, (await SubscriptionAsync(organizationId)).Status));
        var overview = (await Billing.GetOverviewAsync(userId, organizationId)).Value;
        Assert.Equal(("Visa", "•••• 4242"), (overview.Card!.Brand, overview.Card.Mask));
        Assert.Equal(13, await SendAsync("check", WidgetPayment(checkout, 7002)));
    }

    [Fact]
    public async Task A_pack_is_charged_to_the_saved_token_through_the_api_with_the_idempotency_key()
    {
        var (userId, organizationId) = await CustomerAsync();
        var plan = (await Billing.StartPlanPurchaseAsync(userId, organizationId, "new_monthly")).Value;
        await SendAsync("pay", WidgetPayment(plan, 7101));
        var pack = (await Billing.StartPackPurchaseAsync(userId, organizationId, "starter", Guid.NewGuid().ToString("N"))).Value;

        var paid = await Billing.PayAsync(userId, pack.PaymentId, newCard: null);

        Assert.True(paid.Succeeded, string.Join("; ", paid.Errors.Select(e => e.Message)));
        var charge = Assert.Single(Provider.ChargesFor(pack.InvoiceId));
        Assert.Equal((CloudPaymentsEmulator.SuccessToken, 490m, 1, $"{pack.InvoiceId}/1"), (charge.Token, charge.Amount, charge.TrInitiatorCode, charge.RequestId));
        Assert.Equal(charge.TransactionId.ToString(CultureInfo.InvariantCulture), paid.Value.ProviderTransactionId);
    }

    [Fact]
    public async Task The_same_pay_notification_a_hundred_times_at_once_settles_one_payment()
    {
        var (userId, organizationId) = await CustomerAsync();
        var checkout = (await Billing.StartPlanPurchaseAsync(userId, organizationId, "new_annual")).Value;
        var pay = WidgetPayment(checkout, 7201);

        var codes = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => SendAsync("pay", pay)));

        Assert.All(codes, code => Assert.Equal(0, code));
        await using var db = await app.Services.GetRequiredService<IPortalDbContextFactory>().CreateAsync();
        Assert.Equal(1, await db.Payments.CountAsync(p => p.OrganizationId == organizationId && p.Status == PaymentStatus.Succeeded));
        Assert.Equal(1, await db.PaymentNotifications.CountAsync(n => n.ExternalId == "7201" && n.Kind == "pay"));
        Assert.Equal(1, (await SubscriptionAsync(organizationId)).BillingCycle);
    }

    [Fact]
    public async Task Bad_signatures_and_mismatched_notifications_get_the_provider_codes_and_change_nothing()
    {
        var (userId, organizationId) = await CustomerAsync();
        var (_, otherOrganization) = await CustomerAsync();
        var checkout = (await Billing.StartPlanPurchaseAsync(userId, organizationId, "new_monthly")).Value;
        var fields = WidgetPayment(checkout, 7301);

        Assert.Equal(13, await SendAsync("pay", fields, secret: "not-the-secret"));
        using (var unsigned = new FormUrlEncodedContent(fields))
        {
            using var response = await new HttpClient().PostAsync(Endpoint("pay"), unsigned);
            Assert.Equal(13, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetInt32());
        }

        Assert.Equal(10, await SendAsync("pay", Replace(WidgetPayment(checkout, 7302), "InvoiceId", "no-such-invoice")));
        Assert.Equal(11, await SendAsync("pay", Replace(WidgetPayment(checkout, 7303), "Amount", "1.00")));
        Assert.Equal(11, await SendAsync("check", Replace(WidgetPayment(checkout, 7304), "Currency", "USD")));
        Assert.Equal(13, await SendAsync("pay", Replace(WidgetPayment(checkout, 7305), "AccountId", otherOrganization.ToString())));

        Assert.Equal(Plan.FreeCode, (await SubscriptionAsync(organizationId)).PlanCode);
        Assert.Null((await Billing.GetOverviewAsync(userId, organizationId)).Value.Card);
    }

    [Fact]
    public async Task A_renewal_is_a_scheduled_merchant_charge_of_the_saved_token()
    {
        var (userId, organizationId) = await CustomerAsync();
        var checkout = (await Billing.StartPlanPurchaseAsync(userId, organizationId, "new_monthly")).Value;
        await SendAsync("pay", WidgetPayment(checkout, 7401));
        await using (var db = await app.Services.GetRequiredService<IPortalDbContextFactory>().CreateAsync())
        {
            // The period ends now: move it back a month, as time would.
            await db.Subscriptions.Where(s => s.OrganizationId == organizationId).ExecuteUpdateAsync(s => s
                .SetProperty(x => x.CurrentPeriodEnd, DateTimeOffset.UtcNow.AddMinutes(-1)));
        }

        await app.Services.GetRequiredService<RenewalService>().RunAsync();

        var renewalKey = Subscription.PaymentKey((await SubscriptionAsync(organizationId)).Id, 2);
        var charge = Assert.Single(Provider.ChargesFor(renewalKey));
        Assert.Equal((0, "1", 3900m), (charge.TrInitiatorCode, charge.PaymentScheduled, charge.Amount));
        Assert.Equal(2, (await SubscriptionAsync(organizationId)).BillingCycle);
    }

    [Fact]
    public async Task A_card_bound_in_the_widget_is_saved_by_the_signed_pay_notification_and_its_hold_voided_through_the_api()
    {
        var (userId, organizationId) = await CustomerAsync();
        var binding = (await Billing.StartCardBindingAsync(userId, organizationId)).Value;
        var held = Provider.AuthorizeInWidget(binding.InvoiceId, organizationId.ToString(), binding.Amount.Amount);

        Assert.Equal(0, await SendAsync("check", CloudPaymentsEmulator.PayNotification(held)));
        Assert.Equal(0, await SendAsync("pay", CloudPaymentsEmulator.PayNotification(held)));
        Assert.Equal(0, await SendAsync("pay", CloudPaymentsEmulator.PayNotification(held)));

        var state = (await Billing.GetCardBindingAsync(userId, binding.BindingId)).Value;
        Assert.Equal((CardBindingStatus.Bound, "•••• 4242"), (state.Status, state.Card?.Mask));
        Assert.Equal(("Visa", "•••• 4242"), ((await Billing.GetOverviewAsync(userId, organizationId)).Value.Card?.Brand, state.Card?.Mask));
        var voided = Assert.Single(Provider.Voids, v => v.TransactionId == held.TransactionId);
        Assert.Equal($"{binding.InvoiceId}/void", voided.RequestId);
        Assert.Equal(13, await SendAsync("check", CloudPaymentsEmulator.PayNotification(held with { TransactionId = held.TransactionId + 100_000 })));
    }

    private static List<KeyValuePair<string, string>> Replace(List<KeyValuePair<string, string>> fields, string key, string value) =>
        [.. fields.Select(f => f.Key == key ? new KeyValuePair<string, string>(key, value) : f)];
}
