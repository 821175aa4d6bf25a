using Bunit;
using ProfilePortal.Components.Admin;
using ProfilePortal.Components.Shared;
using ProfilePortal.Domain.Admin;
using ProfilePortal.Domain.Payments;
using ProfilePortal.Tests.Components.Profile;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Components.Admin;

public sealed class RefundDialogTests(ProfileUiServices portal) : AdminQuotaTestContext(portal), IClassFixture<ProfileUiServices>
{
    [Fact]
    public async Task The_dialog_shows_the_amounts_asks_for_a_reason_and_refunds_the_amount_typed()
    {
        var customer = await Portal.CustomerAsync();
        var payment = await Portal.BuyAsync(customer);
        var admin = await SignedInAdminAsync();
        RenderProviders();

        Task<RefundReceipt?> shown = null!;
        await Dialogs.InvokeAsync(() => { shown = RefundDialog.ShowAsync(DialogService, Text, admin.Id, payment.Id); });
        Dialogs.WaitForAssertion(() => Assert.Equal(MoneyFormat.Format(payment.Total), Dialogs.Find("[data-testid=refund-remaining]").TextContent.Trim()));
        await Dialogs.Find("[data-testid=refund-confirm]").ClickAsync(new());
        Dialogs.WaitForAssertion(() => Assert.Contains("Say why.", Dialogs.Markup, StringComparison.Ordinal));

        await Dialogs.Find("[data-testid=refund-amount]").ChangeAsync(new() { Value = "900" });
        await Dialogs.Find("[data-testid=refund-reason]").InputAsync(new() { Value = "Partial goodwill" });
        await Dialogs.Find("[data-testid=refund-confirm]").ClickAsync(new());
        var receipt = await shown;

        Assert.NotNull(receipt);
        Assert.Equal((900m, PaymentStatus.PartiallyRefunded), (receipt.Refunded.Amount, receipt.Status));
        Assert.Equal(900m, Assert.Single(await Portal.PaymentsAsync(customer.OrganizationId)).RefundedAmount);
    }

    [Fact]
    public async Task An_unpaid_payment_cannot_be_refunded_from_the_dialog()
    {
        var customer = await Portal.CustomerAsync();
        var checkout = await Portal.Get<BillingService>().StartPlanPurchaseAsync(customer.Id, customer.OrganizationId, "new_quarterly");
        var admin = await SignedInAdminAsync();
        RenderProviders();

        Task<RefundReceipt?> shown = null!;
        await Dialogs.InvokeAsync(() => { shown = RefundDialog.ShowAsync(DialogService, Text, admin.Id, checkout.Value.PaymentId); });

        Dialogs.WaitForAssertion(() => Assert.NotNull(Dialogs.Find("[data-testid=refund-not-refundable]")));
        Assert.True(Dialogs.Find("[data-testid=refund-confirm]").HasAttribute("disabled"));
    }
}
