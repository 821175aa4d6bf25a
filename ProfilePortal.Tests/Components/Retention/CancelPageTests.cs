using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using ProfilePortal.Components.Retention;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Features;
using ProfilePortal.Domain.Retention;
using ProfilePortal.Tests.Components.Billing;
using ProfilePortal.Tests.Components.Profile;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Components.Retention;

/// <summary>Every step of <c>/billing/cancel</c> over the real cancellation service and database.</summary>
public sealed class CancelPageTests(ProfileUiServices portal) : BillingTestContext(portal), IClassFixture<ProfileUiServices>
{
    private IRenderedComponent<MudDialogProvider> _dialogs = default!;

    private IRenderedComponent<CancelPage> RenderPage()
    {
        _dialogs = Render<MudDialogProvider>();
        Render<MudSnackbarProvider>();
        var page = Render<CancelPage>();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=cancel-loading]")));
        return page;
    }

    [Fact]
    public async Task The_reason_step_lists_every_reason_and_refuses_to_go_on_without_one_or_without_words_for_other()
    {
        var customer = await SignedInOwnerAsync();
        await BuyAsync(customer, "new_monthly");
        var page = RenderPage();

        Assert.Equal(
            ["Too expensive", "I do not use it enough", "Missing features I need", "Technical problems", "Switching to another service", "Taking a break", "Other"],
            page.FindAll("[data-testid=cancel-reason] label").Select(l => l.TextContent.Trim()));
        await page.Find("[data-testid=cancel-reason-continue]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Equal("Choose why you are cancelling.", page.Find("[data-testid=cancel-reason-error]").TextContent.Trim()));

        await page.Find("[data-testid=cancel-reason-Other]").ClickAsync(new());
        await page.Find("[data-testid=cancel-reason-continue]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains("Tell us in a few words why you are cancelling.", page.Find(".mud-input-helper-text").TextContent, StringComparison.Ordinal));
        Assert.NotNull(page.Find("[data-testid=cancel-reason-step]"));
        Assert.Equal(0, await FeedbackCountAsync(customer.OrganizationId));

        await page.Find("[data-testid=cancel-other-text]").InputAsync(new() { Value = "Our grant ended." });
        await page.Find("[data-testid=cancel-reason-continue]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=cancel-offer-none]")));
        Assert.Equal(1, await FeedbackCountAsync(customer.OrganizationId));
    }

    [Fact]
    public async Task Too_expensive_offers_the_discount_and_accepting_it_says_until_when_without_cancelling()
    {
        var customer = await SignedInOwnerAsync();
        await BuyAsync(customer, "new_monthly");
        var page = RenderPage();

        await ChooseAsync(page, CancellationReason.TooExpensive);

        page.WaitForAssertion(() => Assert.Contains("Stay and get 20% off", page.Find("[data-testid=cancel-offer-discount]").TextContent, StringComparison.Ordinal));
        Assert.Contains("next 3 payments", page.Find("[data-testid=cancel-offer-discount]").TextContent, StringComparison.Ordinal);
        await page.Find("[data-testid=cancel-accept-discount]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains("The discount applies until", page.Find("[data-testid=cancel-saved]").TextContent, StringComparison.Ordinal));
        var subscription = await Portal.SubscriptionAsync(customer.OrganizationId);
        Assert.Equal((20m, false), (subscription.DiscountPercent, subscription.CancelAtPeriodEnd));
    }

    [Theory]
    [InlineData(CancellationReason.TakingABreak, "cancel-offer-pause")]
    [InlineData(CancellationReason.NotUsingEnough, "cancel-offer-pause")]
    [InlineData(CancellationReason.SwitchingService, "cancel-offer-discount")]
    [InlineData(CancellationReason.TechnicalProblems, "cancel-offer-none")]
    public async Task Each_reason_gets_its_offer(CancellationReason reason, string offer)
    {
        var customer = await SignedInOwnerAsync();
        await BuyAsync(customer, "new_monthly");
        var page = RenderPage();

        await ChooseAsync(page, reason);

        page.WaitForAssertion(() => Assert.NotNull(page.Find($"[data-testid={offer}]")));
        if (offer == "cancel-offer-pause")
        {
            Assert.Equal(["1 month", "2 months", "3 months"], page.FindAll("[data-testid=cancel-pause-months] label").Select(l => l.TextContent.Trim()));
            Assert.True(page.Find("[data-testid=cancel-accept-pause]").HasAttribute("disabled"));
        }
    }

    [Fact]
    public async Task Choosing_a_pause_length_and_accepting_pauses_the_plan_and_says_until_when()
    {
        var customer = await SignedInOwnerAsync();
        await BuyAsync(customer, "new_monthly");
        var page = RenderPage();
        await ChooseAsync(page, CancellationReason.TakingABreak);
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=cancel-pause-3]")));

        await page.Find("[data-testid=cancel-pause-3]").ClickAsync(new());
        await page.Find("[data-testid=cancel-accept-pause]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("paused until", page.Find("[data-testid=cancel-saved]").TextContent, StringComparison.Ordinal));
        var subscription = await Portal.SubscriptionAsync(customer.OrganizationId);
        Assert.Equal(Domain.Billing.SubscriptionStatus.Paused, subscription.Status);
        Assert.Equal(subscription.PausedAt!.Value.AddMonths(3), subscription.PauseEndsAt);
    }

    [Fact]
    public async Task A_customer_who_had_the_discount_this_year_is_offered_the_longer_cheaper_plan_instead()
    {
        var customer = await SignedInOwnerAsync();
        await BuyAsync(customer, "new_quarterly");
        var first = await Portal.Get<CancellationService>().BeginAsync(customer.Id, customer.OrganizationId, CancellationReason.TooExpensive, null);
        await Portal.Get<CancellationService>().AcceptOfferAsync(customer.Id, first.Value.FlowId, SaveOfferKind.Discount, null);
        var page = RenderPage();

        await ChooseAsync(page, CancellationReason.TooExpensive);

        page.WaitForAssertion(() => Assert.Contains("Pay less on the Annual plan", page.Find("[data-testid=cancel-offer-plan]").TextContent, StringComparison.Ordinal));
        Assert.Contains("you save ₽900", DisplayText.Spaced(page.Find("[data-testid=cancel-offer-plan]").TextContent), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Taking_the_longer_plan_opens_its_upgrade_quote_closing_it_keeps_the_offer_and_paying_ends_the_flow_saved()
    {
        var customer = await SignedInOwnerAsync();
        await BuyAsync(customer, "new_quarterly");
        var first = await Portal.Get<CancellationService>().BeginAsync(customer.Id, customer.OrganizationId, CancellationReason.TooExpensive, null);
        await Portal.Get<CancellationService>().AcceptOfferAsync(customer.Id, first.Value.FlowId, SaveOfferKind.Discount, null);
        var page = RenderPage();
        await ChooseAsync(page, CancellationReason.TooExpensive);
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=cancel-accept-plan]")));

        var closing = page.Find("[data-testid=cancel-accept-plan]").ClickAsync(new());
        _dialogs.WaitForAssertion(() => Assert.Equal("Upgrade", _dialogs.Find("[data-testid=plan-change-quote]").GetAttribute("data-kind")));
        await _dialogs.Find("[data-testid=plan-change-cancel]").ClickAsync(new());
        await closing.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.NotNull(page.Find("[data-testid=cancel-offer-plan]"));
        Assert.Equal("new_quarterly", (await Portal.SubscriptionAsync(customer.OrganizationId)).PlanCode);

        var accepting = page.Find("[data-testid=cancel-accept-plan]").ClickAsync(new());
        _dialogs.WaitForAssertion(() => Assert.NotNull(_dialogs.Find("[data-testid=plan-change-quote]")));
        var confirm = _dialogs.Find("[data-testid=plan-change-confirm]").ClickAsync(new());
        _dialogs.WaitForAssertion(() => Assert.NotNull(_dialogs.Find("[data-testid=pay]")));
        await _dialogs.Find("[data-testid=pay]").ClickAsync(new());
        await confirm.WaitAsync(TimeSpan.FromSeconds(10));
        await accepting.WaitAsync(TimeSpan.FromSeconds(10));

        page.WaitForAssertion(() => Assert.Equal("Thank you for staying: your plan is now Annual.", page.Find("[data-testid=cancel-saved]").TextContent.Trim()));
        var subscription = await Portal.SubscriptionAsync(customer.OrganizationId);
        Assert.Equal(("new_annual", false), (subscription.PlanCode, subscription.CancelAtPeriodEnd));
    }

    [Fact]
    public async Task Declining_shows_exactly_what_happens_and_confirming_cancels_then_resume_takes_it_back()
    {
        var customer = await SignedInOwnerAsync();
        await BuyAsync(customer, "new_monthly");
        var end = (await Portal.SubscriptionAsync(customer.OrganizationId)).CurrentPeriodEnd!.Value;
        var page = RenderPage();
        await ChooseAsync(page, CancellationReason.TooExpensive);
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=cancel-decline-offer]")));

        await page.Find("[data-testid=cancel-decline-offer]").ClickAsync(new());

        var date = end.ToString("d", System.Globalization.CultureInfo.GetCultureInfo("en"));
        Assert.Equal("Cancel the Monthly plan?", page.Find("[data-testid=cancel-confirm-step] h3").TextContent.Trim());
        Assert.Equal($"You keep the plan and its launches until {date}.", page.Find("[data-testid=cancel-confirm-access]").TextContent.Trim());
        Assert.Equal("Nothing more will be charged to your card.", page.Find("[data-testid=cancel-confirm-charges]").TextContent.Trim());
        Assert.Contains("Free plan with 50 launches a month", page.Find("[data-testid=cancel-confirm-free]").TextContent, StringComparison.Ordinal);
        Assert.False((await Portal.SubscriptionAsync(customer.OrganizationId)).CancelAtPeriodEnd);

        await page.Find("[data-testid=cancel-confirm]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains($"You keep the plan until {date}", page.Find("[data-testid=cancel-done]").TextContent, StringComparison.Ordinal));
        Assert.True((await Portal.SubscriptionAsync(customer.OrganizationId)).CancelAtPeriodEnd);

        await page.Find("[data-testid=cancel-resume]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=cancel-reason-step]")));
        Assert.False((await Portal.SubscriptionAsync(customer.OrganizationId)).CancelAtPeriodEnd);
    }

    [Fact]
    public async Task A_flow_decided_in_another_tab_is_refused_with_a_message_and_the_page_shows_what_is_true_now()
    {
        var customer = await SignedInOwnerAsync();
        await BuyAsync(customer, "new_monthly");
        var page = RenderPage();
        await ChooseAsync(page, CancellationReason.MissingFeatures);
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=cancel-offer-continue]")));
        var other = await Portal.Get<CancellationService>().BeginAsync(customer.Id, customer.OrganizationId, CancellationReason.Other, "other tab");
        await Portal.Get<CancellationService>().ConfirmAsync(customer.Id, other.Value.FlowId);

        await page.Find("[data-testid=cancel-offer-continue]").ClickAsync(new());
        await page.Find("[data-testid=cancel-confirm]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Equal("cancellation.already_cancelled", page.Find("[data-testid=cancel-refused]").GetAttribute("data-code")));
        Assert.Contains("already decided", page.Find("[data-testid=cancel-error]").TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.Find("[data-testid=cancel-resume]"));
    }

    [Fact]
    public async Task With_the_simple_flow_switch_on_it_is_cancel_then_confirm()
    {
        var customer = await SignedInOwnerAsync();
        await BuyAsync(customer, "new_monthly");
        var settings = Portal.Get<FeatureSettings>();
        await settings.SetOverrideAsync(FeatureNames.SimpleCancellation, enabled: true, rolloutPercentage: null, "admin@example.com");
        try
        {
            var page = RenderPage();
            Assert.Empty(page.FindAll("[data-testid=cancel-stepper]"));
            Assert.Empty(page.FindAll("[data-testid=cancel-reason]"));

            await page.Find("[data-testid=cancel-simple-start]").ClickAsync(new());
            Assert.Equal("Nothing more will be charged to your card.", page.Find("[data-testid=cancel-confirm-charges]").TextContent.Trim());
            await page.Find("[data-testid=cancel-confirm]").ClickAsync(new());

            page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=cancel-done]")));
            Assert.True((await Portal.SubscriptionAsync(customer.OrganizationId)).CancelAtPeriodEnd);
        }
        finally
        {
            await settings.ClearOverrideAsync(FeatureNames.SimpleCancellation);
        }
    }

    [Fact]
    public async Task A_trial_is_sent_to_its_own_cancel_page_and_free_has_nothing_to_cancel()
    {
        var customer = await SignedInOwnerAsync();
        Assert.Equal("cancellation.nothing_to_cancel", RenderPage().Find("[data-testid=cancel-refused]").GetAttribute("data-code"));

        await Portal.StartTrialAsync(customer);
        var page = RenderPage();

        Assert.Equal("cancellation.trial", page.Find("[data-testid=cancel-refused]").GetAttribute("data-code"));
        Assert.Equal("billing/trial/cancel", page.Find("[data-testid=cancel-to-trial]").GetAttribute("href"));
    }

    private static async Task ChooseAsync(IRenderedComponent<CancelPage> page, CancellationReason reason)
    {
        await page.Find($"[data-testid=cancel-reason-{reason}]").ClickAsync(new());
        await page.Find("[data-testid=cancel-reason-continue]").ClickAsync(new());
    }

    private async Task<int> FeedbackCountAsync(Guid organizationId)
    {
        await using var db = await Portal.Get<IPortalDbContextFactory>().CreateAsync();
        return await db.CancellationFeedback.CountAsync(f => f.OrganizationId == organizationId);
    }
}
