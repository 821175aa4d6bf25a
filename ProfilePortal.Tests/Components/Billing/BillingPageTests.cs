using Bunit;
using MudBlazor;
using ProfilePortal.Components.Billing;
using ProfilePortal.Domain.Features;
using ProfilePortal.Domain.Payments;
using ProfilePortal.Tests.Components.Profile;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Components.Billing;

public sealed class BillingPageTests(ProfileUiServices portal) : BillingTestContext(portal), IClassFixture<ProfileUiServices>
{
    private IRenderedComponent<MudDialogProvider> _dialogs = default!;

    private IRenderedComponent<BillingPage> RenderPage()
    {
        _dialogs = Render<MudDialogProvider>();
        Render<MudSnackbarProvider>();
        var page = Render<BillingPage>();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=billing-loading]")));
        return page;
    }

    [Fact]
    public async Task A_free_organization_sees_its_allowance_no_card_no_payments_and_a_way_to_the_plans()
    {
        await SignedInOwnerAsync();

        var page = RenderPage();

        Assert.Equal("Free", page.Find("[data-testid=billing-plan-name]").TextContent.Trim());
        Assert.Contains("50 launches a month", page.Find("[data-testid=billing-plan]").TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.Find("[data-testid=billing-no-card]"));
        Assert.NotNull(page.Find("[data-testid=payment-history-empty]"));
        Assert.Equal("pricing", page.Find("[data-testid=billing-see-plans]").GetAttribute("href"));
        Assert.Empty(page.FindAll("[data-testid=billing-remove-card]"));
    }

    [Fact]
    public async Task A_paying_organization_sees_plan_status_next_charge_card_and_receipts()
    {
        var customer = await SignedInOwnerAsync();
        var payment = await BuyAsync(customer, "new_quarterly");

        var page = RenderPage();

        Assert.Equal("Quarterly", page.Find("[data-testid=billing-plan-name]").TextContent.Trim());
        Assert.Equal("Active", page.Find("[data-testid=billing-status]").TextContent.Trim());
        Assert.Equal("₽9,900 on 2/23/2027", DisplayText.Spaced(page.Find("[data-testid=billing-next-charge]").TextContent));
        Assert.Equal("Visa •••• 4242", DisplayText.Spaced(page.Find("[data-testid=billing-card-mask]").TextContent));
        Assert.Equal("Expires 12/30", page.Find("[data-testid=billing-card-expiry]").TextContent.Trim());
        var row = Assert.Single(page.FindAll("[data-testid=payment-row]"));
        Assert.Equal("Succeeded", row.GetAttribute("data-status"));
        Assert.Equal($"billing/receipts/{payment.Id}", row.QuerySelector("[data-testid=payment-receipt]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task A_declined_payment_shows_in_the_history_with_its_reason()
    {
        var customer = await SignedInOwnerAsync();
        var checkout = await Billing.StartPlanPurchaseAsync(customer.Id, customer.OrganizationId, "new_monthly");
        await Billing.PayAsync(customer.Id, checkout.Value.PaymentId, Portal.Card(BillingScenario.NoFundsCard));

        var page = RenderPage();

        var row = Assert.Single(page.FindAll("[data-testid=payment-row]"));
        Assert.Equal("Failed", row.GetAttribute("data-status"));
        Assert.Contains("Insufficient funds", row.QuerySelector("[data-testid=payment-failure]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(row.QuerySelector("[data-testid=payment-receipt]"));
    }

    [Fact]
    public async Task Quota_packs_are_for_sale_only_while_the_payments_flag_is_on()
    {
        await SignedInOwnerAsync();
        Assert.Empty(RenderPage().FindAll("[data-testid=billing-pack]"));

        SetFeature(FeatureNames.PaymentsUi, true);
        var page = RenderPage();

        Assert.Equal(["starter", "standard", "pro"], page.FindAll("[data-testid=billing-pack]").Select(p => p.GetAttribute("data-code")));
    }

    [Fact]
    public async Task Buying_a_pack_with_the_saved_card_adds_its_launches()
    {
        SetFeature(FeatureNames.PaymentsUi, true);
        var customer = await SignedInOwnerAsync();
        await Billing.SaveCardAsync(customer.Id, customer.OrganizationId, Portal.Card());
        var page = RenderPage();

        var click = page.Find("[data-testid=billing-pack][data-code=starter] [data-testid=billing-buy-pack]").ClickAsync(new());
        _dialogs.WaitForAssertion(() => Assert.NotNull(_dialogs.Find("[data-testid=pay-dialog]")));
        Assert.Equal("₽490", DisplayText.Spaced(_dialogs.Find("[data-testid=pay-dialog-amount]").TextContent));
        await _dialogs.Find("[data-testid=pay]").ClickAsync(new());
        await click;

        page.WaitForAssertion(() => Assert.Equal("Succeeded", page.Find("[data-testid=payment-row]").GetAttribute("data-status")));
        var snapshot = await Portal.Get<Domain.Quotas.QuotaService>().GetSnapshotAsync(customer.OrganizationId);
        Assert.Equal(10, snapshot!.Purchased);
    }

    [Fact]
    public async Task Removing_the_card_asks_first_and_then_removes_it()
    {
        var customer = await SignedInOwnerAsync();
        await Billing.SaveCardAsync(customer.Id, customer.OrganizationId, Portal.Card());
        var page = RenderPage();

        var click = page.Find("[data-testid=billing-remove-card]").ClickAsync(new());
        _dialogs.WaitForAssertion(() => Assert.Contains("Remove the card?", _dialogs.Markup, StringComparison.Ordinal));
        await _dialogs.FindAll("button").Single(b => b.TextContent.Contains("Remove card", StringComparison.Ordinal)).ClickAsync(new());
        await click;

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=billing-no-card]")));
        Assert.Null((await Billing.GetOverviewAsync(customer.Id, customer.OrganizationId)).Value.Card);
    }

    [Fact]
    public async Task A_database_failure_shows_a_retry()
    {
        await SignedInOwnerAsync();
        Portal.Outage.IsDown = true;
        var page = RenderPage();
        Assert.NotNull(page.Find("[data-testid=billing-error]"));

        Portal.Outage.IsDown = false;
        await page.Find("[data-testid=billing-retry]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=billing-plan]")));
    }
}
