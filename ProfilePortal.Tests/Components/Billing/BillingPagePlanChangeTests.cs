using Bunit;
using MudBlazor;
using ProfilePortal.Components.Billing;
using ProfilePortal.Components.Profile;
using ProfilePortal.Domain.Payments;
using ProfilePortal.Tests.Components.Profile;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Components.Billing;

/// <summary>The billing page's way into plan changes and its display of a scheduled downgrade.</summary>
public sealed class BillingPagePlanChangeTests(ProfileUiServices portal) : BillingTestContext(portal), IClassFixture<ProfileUiServices>
{
    private IRenderedComponent<MudDialogProvider> _dialogs = default!;

    private PlanChangeService PlanChanges => Portal.Get<PlanChangeService>();

    private IRenderedComponent<BillingPage> RenderPage()
    {
        _dialogs = Render<MudDialogProvider>();
        Render<MudSnackbarProvider>();
        var page = Render<BillingPage>();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=billing-loading]")));
        return page;
    }

    [Fact]
    public async Task Change_plan_is_offered_on_a_running_paid_plan_only()
    {
        var customer = await SignedInOwnerAsync();
        Assert.Empty(RenderPage().FindAll("[data-testid=billing-change-plan]"));

        await BuyAsync(customer, "new_quarterly");

        Assert.NotNull(RenderPage().Find("[data-testid=billing-change-plan]"));
    }

    [Fact]
    public async Task Change_plan_opens_the_plan_change_dialog_and_a_scheduled_downgrade_then_shows_on_the_page()
    {
        var customer = await SignedInOwnerAsync();
        await BuyAsync(customer, "new_annual");
        var end = (await Portal.SubscriptionAsync(customer.OrganizationId)).CurrentPeriodEnd!.Value;
        var page = RenderPage();

        var click = page.Find("[data-testid=billing-change-plan]").ClickAsync(new());
        _dialogs.WaitForAssertion(() => Assert.NotEmpty(_dialogs.FindAll("[data-testid=plan-change-plan]")));
        await _dialogs.Find("[data-testid=plan-change-plan][data-code=new_monthly]").ClickAsync(new());
        _dialogs.WaitForElement("[data-testid=plan-change-quote]");
        await _dialogs.Find("[data-testid=plan-change-confirm]").ClickAsync(new());
        await click;

        page.WaitForAssertion(() => Assert.Equal(
            $"Switches to Monthly on {ProfileDisplay.Date(end, null)}.",
            DisplayText.Spaced(page.Find("[data-testid=billing-scheduled-change] .mud-typography").TextContent)));
        Assert.Equal($"₽3,900 on {ProfileDisplay.Date(end, null)}", DisplayText.Spaced(page.Find("[data-testid=billing-next-charge]").TextContent));
    }

    [Fact]
    public async Task Keep_current_plan_takes_the_scheduled_downgrade_back()
    {
        var customer = await SignedInOwnerAsync();
        await BuyAsync(customer, "new_annual");
        Assert.True((await PlanChanges.ScheduleDowngradeAsync(customer.Id, customer.OrganizationId, "new_quarterly")).Succeeded);
        var page = RenderPage();

        await page.Find("[data-testid=billing-keep-plan]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=billing-scheduled-change]")));
        Assert.Null((await Portal.SubscriptionAsync(customer.OrganizationId)).ScheduledPlanCode);
    }
}
