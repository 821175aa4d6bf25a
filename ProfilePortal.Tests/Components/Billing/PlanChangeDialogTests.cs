using AngleSharp.Dom;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MudBlazor;
using ProfilePortal.Components.Billing;
using ProfilePortal.Components.Profile;
using ProfilePortal.Components.Shared;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Payments;
using ProfilePortal.Domain.Retention;
using ProfilePortal.Resources;
using ProfilePortal.Tests.Components.Profile;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Components.Billing;

public sealed class PlanChangeDialogTests(ProfileUiServices portal) : BillingTestContext(portal), IClassFixture<ProfileUiServices>
{
    private IRenderedComponent<MudDialogProvider> _dialogs = default!;

    /// <summary>Opens the dialog as the billing page or the cancellation flow does; the task ends when it closes.</summary>
    private Task<PlanChangeQuote?> Open(Customer customer, string? preselected = null)
    {
        _dialogs = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        var l = Services.GetRequiredService<IStringLocalizer<SharedResource>>();
        var shown = _dialogs.InvokeAsync(() => PlanChangeDialog.ShowAsync(dialogs, l, customer.Id, customer.OrganizationId, preselected));
        _dialogs.WaitForAssertion(() => Assert.Empty(_dialogs.FindAll("[data-testid=plan-change-loading]")));
        return shown;
    }

    private IElement Quote() => _dialogs.WaitForElement("[data-testid=plan-change-quote]");

    [Fact]
    public async Task An_upgrade_shows_its_credit_charge_and_new_period_before_confirming_and_is_paid_in_the_payment_dialog()
    {
        var customer = await SignedInOwnerAsync();
        await BuyAsync(customer, "new_quarterly");
        var bought = await Portal.SubscriptionAsync(customer.OrganizationId);
        Portal.Clock.Advance(TimeSpan.FromDays(46));
        var now = Portal.Clock.GetUtcNow();
        var credit = Proration.Credit(Money.Rubles(9900m), bought.CurrentPeriodStart, bought.CurrentPeriodEnd!.Value, now);
        var shown = Open(customer);

        Assert.Equal(["new_monthly", "new_semiannual", "new_annual"], _dialogs.FindAll("[data-testid=plan-change-plan]").Select(p => p.GetAttribute("data-code")));
        await _dialogs.Find("[data-testid=plan-change-plan][data-code=new_annual]").ClickAsync(new());

        var quote = Quote();
        Assert.Equal("Upgrade", quote.GetAttribute("data-kind"));
        Assert.Equal($"− {MoneyFormat.Format(credit)}", DisplayText.Spaced(_dialogs.Find("[data-testid=plan-change-credit]").TextContent));
        var charge = Money.Rubles(28800m - credit.Amount);
        Assert.Equal(MoneyFormat.Format(charge), DisplayText.Spaced(_dialogs.Find("[data-testid=plan-change-charge]").TextContent));
        Assert.Equal($"{ProfileDisplay.Date(now, null)} – {ProfileDisplay.Date(now.AddMonths(12), null)}",
            DisplayText.Spaced(_dialogs.Find("[data-testid=plan-change-period]").TextContent));
        Assert.Single(await Portal.PaymentsAsync(customer.OrganizationId));

        // The confirmation waits for the payment dialog it opens: it ends once that is paid.
        var confirm = _dialogs.Find("[data-testid=plan-change-confirm]").ClickAsync(new());
        _dialogs.WaitForAssertion(() => Assert.Equal(MoneyFormat.Format(charge), DisplayText.Spaced(_dialogs.Find("[data-testid=pay-dialog-amount]").TextContent)));
        await _dialogs.Find("[data-testid=pay]").ClickAsync(new());
        await confirm.WaitAsync(TimeSpan.FromSeconds(10));

        var done = await shown.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(("new_annual", charge), (done!.NewPlan.Code, done.ChargeNow));
        Assert.Equal("new_annual", (await Portal.SubscriptionAsync(customer.OrganizationId)).PlanCode);
    }

    [Fact]
    public async Task Opened_on_a_preselected_plan_it_quotes_that_plan_at_once_and_waits_for_the_confirmation()
    {
        var customer = await SignedInOwnerAsync();
        await BuyAsync(customer, "new_monthly");

        var shown = Open(customer, preselected: "new_annual");

        Assert.Equal("Upgrade", Quote().GetAttribute("data-kind"));
        Assert.Equal("new_annual", _dialogs.FindComponent<MudRadioGroup<string>>().Instance.Value);
        Assert.False(shown.IsCompleted);
        Assert.Equal("new_monthly", (await Portal.SubscriptionAsync(customer.OrganizationId)).PlanCode);

        await _dialogs.Find("[data-testid=plan-change-cancel]").ClickAsync(new());
        Assert.Null(await shown.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_downgrade_shows_its_date_and_price_and_confirming_schedules_it_without_a_charge()
    {
        var customer = await SignedInOwnerAsync();
        await BuyAsync(customer, "new_annual");
        var end = (await Portal.SubscriptionAsync(customer.OrganizationId)).CurrentPeriodEnd!.Value;
        var shown = Open(customer);

        await _dialogs.Find("[data-testid=plan-change-plan][data-code=new_quarterly]").ClickAsync(new());

        Assert.Equal("Downgrade", Quote().GetAttribute("data-kind"));
        Assert.Equal(ProfileDisplay.Date(end, null), _dialogs.Find("[data-testid=plan-change-effective]").TextContent.Trim());
        Assert.Equal("₽9,900 every 3 mo", DisplayText.Spaced(_dialogs.Find("[data-testid=plan-change-new-price]").TextContent));
        await _dialogs.Find("[data-testid=plan-change-confirm]").ClickAsync(new());

        var done = await shown.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal((PlanChangeKind.Downgrade, end), (done!.Kind, done.EffectiveAt));
        var subscription = await Portal.SubscriptionAsync(customer.OrganizationId);
        Assert.Equal(("new_annual", "new_quarterly"), (subscription.PlanCode, subscription.ScheduledPlanCode));
        Assert.Single(await Portal.PaymentsAsync(customer.OrganizationId));
    }

    [Fact]
    public async Task A_subscription_that_cannot_change_says_why()
    {
        var customer = await SignedInOwnerAsync();
        await Portal.StartTrialAsync(customer, "new_monthly");

        _ = Open(customer);

        Assert.Contains("during a trial", _dialogs.Find("[data-testid=plan-change-refused]").TextContent, StringComparison.Ordinal);
        Assert.Empty(_dialogs.FindAll("[data-testid=plan-change-confirm]"));
    }
}
