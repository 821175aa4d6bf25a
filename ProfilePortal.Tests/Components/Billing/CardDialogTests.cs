using System.Text.Json;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using ProfilePortal.Components.Billing;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Payments;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Components.Billing;

/// <summary>
/// The card dialog with the CloudPayments gateway: the card is bound in the provider's widget (played by bUnit's
/// JS interop) by a 1 RUB check, which the provider's notifications (played by the test, through the real
/// notification service and the emulated API) turn into the organization's card.
/// </summary>
public sealed class CardDialogTests(CloudPaymentsUiServices portal) : BillingTestContext(portal), IClassFixture<CloudPaymentsUiServices>
{
    private CloudPaymentsEmulator Provider => portal.Provider;

    private PaymentNotificationService Notifications => Portal.Get<PaymentNotificationService>();

    private async Task<(IRenderedComponent<MudDialogProvider> Dialogs, IDialogReference Dialog)> OpenAsync(Customer customer)
    {
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        var parameters = new DialogParameters<CardDialog>
        {
            { d => d.UserId, customer.Id },
            { d => d.OrganizationId, customer.OrganizationId },
        };
        var dialog = await provider.InvokeAsync(() => dialogs.ShowAsync<CardDialog>("Card", parameters, CardDialog.Options));
        provider.WaitForAssertion(() => Assert.NotNull(provider.Find("[data-testid=card-binding-start]")));
        return (provider, dialog);
    }

    /// <summary>The widget, closing as <paramref name="status"/> says; the provider's notifications are the test's to send.</summary>
    private BunitJSModuleInterop Widget(string status)
    {
        var module = JSInterop.SetupModule("./js/cloudpayments.js");
        module.Setup<CloudPaymentsWidgetResult>("pay", _ => true).SetResult(new CloudPaymentsWidgetResult(status, ""));
        return module;
    }

    /// <summary>
    /// Presses the button without waiting for the click's handler: after a successful widget it polls on the
    /// components' clock, which only moves when the test moves it.
    /// </summary>
    private static Task StartBinding(IRenderedComponent<MudDialogProvider> dialogs) => dialogs.Find("[data-testid=card-binding-start]").ClickAsync(new());

    /// <summary>
    /// Moves the components' clock a second at a time, so the page polls again, until the click's handler is done
    /// (or the page's own 30 s wait is over).
    /// </summary>
    private async Task PollUntilDoneAsync(Task binding)
    {
        for (var i = 0; i < 40 && !binding.IsCompleted; i++)
        {
            Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20);
        }

        await binding.WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>What the component opened the widget with, once it has.</summary>
    private static JsonElement WidgetOptions(IRenderedComponent<MudDialogProvider> dialogs, BunitJSModuleInterop module)
    {
        JsonElement options = default;
        dialogs.WaitForAssertion(() => options = JsonSerializer.SerializeToElement(Assert.Single(module.Invocations, i => i.Identifier == "pay").Arguments[1]));
        return options;
    }

    private static ProviderNotification Notification(NotificationKind kind, JsonElement widget, long transactionId, CardDetails? card = null) => new(
        "cloudpayments", kind, transactionId.ToString(System.Globalization.CultureInfo.InvariantCulture), widget.GetProperty("invoiceId").GetString(),
        widget.GetProperty("accountId").GetString(), widget.GetProperty("amount").GetDecimal(), widget.GetProperty("currency").GetString()!, card,
        kind == NotificationKind.Fail ? "5051" : null, kind == NotificationKind.Fail ? "Insufficient funds" : null, null, $"TransactionId={transactionId}");

    [Fact]
    public async Task The_widget_authorises_a_one_rouble_check_and_the_bound_card_closes_the_dialog()
    {
        var customer = await SignedInOwnerAsync();
        var module = Widget("success");
        var (dialogs, dialog) = await OpenAsync(customer);
        Assert.Contains("holds ₽1, and the hold is released at once", DisplayText.Spaced(dialogs.Find("[data-testid=card-binding-lead]").TextContent), StringComparison.Ordinal);

        var binding = StartBinding(dialogs);
        var widget = WidgetOptions(dialogs, module);
        // The customer entered a card: the provider authorised 1 RUB and its notifications reach the portal.
        var held = Provider.AuthorizeInWidget(widget.GetProperty("invoiceId").GetString()!, customer.OrganizationId.ToString(), 1m);
        await Notifications.HandleAsync(Notification(NotificationKind.Check, widget, held.TransactionId));
        await Notifications.HandleAsync(Notification(
            NotificationKind.Pay, widget, held.TransactionId, new CardDetails(CloudPaymentsEmulator.SuccessToken, "Visa", "4242", 12, 2030, null)));
        await PollUntilDoneAsync(binding);

        var result = await dialog.Result.WaitAsync(TimeSpan.FromSeconds(10));
        var card = Assert.IsType<CardSummary>(result!.Data);
        Assert.Equal(("Visa", "•••• 4242"), (card.Brand, card.Mask));
        Assert.Equal(
            ("auth", 1m, "RUB", customer.OrganizationId.ToString(), customer.User.Email),
            (widget.GetProperty("mode").GetString(), widget.GetProperty("amount").GetDecimal(), widget.GetProperty("currency").GetString(),
                widget.GetProperty("accountId").GetString(), widget.GetProperty("email").GetString()));
        Assert.StartsWith("card:", widget.GetProperty("invoiceId").GetString(), StringComparison.Ordinal);
        Assert.Equal("•••• 4242", (await Billing.GetOverviewAsync(customer.Id, customer.OrganizationId)).Value.Card?.Mask);
        Assert.Single(Provider.Voids, v => v.TransactionId == held.TransactionId);
    }

    [Fact]
    public async Task A_check_the_bank_declines_says_the_card_was_not_added_and_a_new_try_is_a_new_binding()
    {
        var customer = await SignedInOwnerAsync();
        var module = Widget("fail");
        var (dialogs, _) = await OpenAsync(customer);

        await dialogs.Find("[data-testid=card-binding-start]").ClickAsync(new());
        var widget = WidgetOptions(dialogs, module);
        await Notifications.HandleAsync(Notification(NotificationKind.Check, widget, 9101));
        await Notifications.HandleAsync(Notification(NotificationKind.Fail, widget, 9101));

        dialogs.WaitForAssertion(() => Assert.Contains(
            "The card was not added. Nothing was charged", dialogs.Find("[data-testid=card-binding-message]").TextContent, StringComparison.Ordinal));
        Assert.NotNull(dialogs.Find("[data-testid=card-dialog]"));
        Assert.Null((await Billing.GetOverviewAsync(customer.Id, customer.OrganizationId)).Value.Card);

        await dialogs.Find("[data-testid=card-binding-start]").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Equal(2, module.Invocations.Count(i => i.Identifier == "pay")));
        var invoices = module.Invocations.Where(i => i.Identifier == "pay")
            .Select(i => JsonSerializer.SerializeToElement(i.Arguments[1]).GetProperty("invoiceId").GetString()).ToList();
        Assert.NotEqual(invoices[0], invoices[1]);
    }

    [Fact]
    public async Task A_binding_that_failed_on_the_server_after_the_widget_closed_says_so()
    {
        var customer = await SignedInOwnerAsync();
        var module = Widget("success");
        var (dialogs, _) = await OpenAsync(customer);

        var binding = StartBinding(dialogs);
        var widget = WidgetOptions(dialogs, module);
        // The provider authorised the check but sent no card token: nothing to save, and the hold is released.
        var held = Provider.AuthorizeInWidget(widget.GetProperty("invoiceId").GetString()!, customer.OrganizationId.ToString(), 1m);
        await Notifications.HandleAsync(Notification(NotificationKind.Pay, widget, held.TransactionId));
        await PollUntilDoneAsync(binding);

        dialogs.WaitForAssertion(() => Assert.Contains(
            "The card was not added", dialogs.Find("[data-testid=card-binding-message]").TextContent, StringComparison.Ordinal));
        Assert.Null((await Billing.GetOverviewAsync(customer.Id, customer.OrganizationId)).Value.Card);
        Assert.Single(Provider.Voids, v => v.TransactionId == held.TransactionId);
    }

    [Fact]
    public async Task A_widget_that_cannot_open_says_so_and_nothing_is_bound()
    {
        var customer = await SignedInOwnerAsync();
        Widget("unavailable");
        var (dialogs, _) = await OpenAsync(customer);

        await dialogs.Find("[data-testid=card-binding-start]").ClickAsync(new());

        dialogs.WaitForAssertion(() => Assert.Contains(
            "could not open", dialogs.Find("[data-testid=card-binding-message]").TextContent, StringComparison.Ordinal));
        Assert.Null((await Billing.GetOverviewAsync(customer.Id, customer.OrganizationId)).Value.Card);
        Assert.False(dialogs.Find("[data-testid=card-binding-start]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Without_the_provider_s_notification_in_time_it_says_the_card_may_take_a_minute()
    {
        var customer = await SignedInOwnerAsync();
        Widget("success");
        var (dialogs, _) = await OpenAsync(customer);

        var binding = StartBinding(dialogs);
        // Nothing comes from the provider.
        await PollUntilDoneAsync(binding);
        dialogs.WaitForAssertion(() => Assert.Contains(
            "It is saved within a minute, and the ₽1 hold is released automatically",
            DisplayText.Spaced(dialogs.Find("[data-testid=card-binding-message]").TextContent),
            StringComparison.Ordinal));
        Assert.NotNull(dialogs.Find("[data-testid=card-dialog]"));
    }
}
