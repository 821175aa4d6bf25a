using Bunit;
using Microsoft.EntityFrameworkCore;
using ProfilePortal.Components.Pricing;
using ProfilePortal.Components.Trials;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Features;
using ProfilePortal.Domain.Trials;
using ProfilePortal.Tests.Components.Billing;
using ProfilePortal.Tests.Components.Profile;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Components.Trials;

/// <summary>The trial flow as a customer sees it: the call to action, the start page, the banner and the cancel page.</summary>
public sealed class TrialComponentTests(ProfileUiServices portal) : BillingTestContext(portal), IClassFixture<ProfileUiServices>
{
    [Fact]
    public async Task The_pricing_page_offers_the_trial_to_people_in_the_rollout_and_not_when_it_is_off()
    {
        SetFeature(FeatureNames.NewPricing, true);
        await SignedInOwnerAsync();

        var page = Render<PricingPage>();
        page.WaitForAssertion(() => Assert.Equal(4, page.FindAll("[data-testid=pricing-trial]").Count));
        Assert.Equal("billing/trial/new_quarterly", page.Find("[data-testid=pricing-plan][data-code=new_quarterly] [data-testid=pricing-trial]").GetAttribute("href"));
        Assert.Equal("Try free for 7 days", DisplayText.Spaced(page.Find("[data-testid=pricing-trial]").TextContent));

        await WithTrialsOffAsync(() =>
        {
            var hidden = Render<PricingPage>();
            hidden.WaitForAssertion(() => Assert.Equal(4, hidden.FindAll("[data-testid=pricing-choose]").Count));
            Assert.Empty(hidden.FindAll("[data-testid=pricing-trial]"));
            return Task.CompletedTask;
        });
    }

    [Fact]
    public async Task The_profile_call_to_action_shows_only_while_a_trial_is_on_offer()
    {
        var customer = await SignedInOwnerAsync();

        var offered = Render<TrialCta>(p => p.Add(c => c.UserId, customer.Id).Add(c => c.OrganizationId, customer.OrganizationId));
        offered.WaitForAssertion(() => Assert.NotNull(offered.Find("[data-testid=trial-cta]")));
        Assert.Contains("7 days", offered.Find("[data-testid=trial-cta]").TextContent, StringComparison.Ordinal);

        await Portal.StartTrialAsync(customer);
        var used = Render<TrialCta>(p => p.Add(c => c.UserId, customer.Id).Add(c => c.OrganizationId, customer.OrganizationId));
        Assert.Empty(used.FindAll("[data-testid=trial-cta]"));
    }

    [Fact]
    public async Task Starting_with_a_sandbox_card_checks_it_starts_the_trial_and_goes_to_billing()
    {
        var customer = await SignedInOwnerAsync();

        var page = Render<TrialStartPage>(p => p.Add(c => c.PlanCode, "new_semiannual"));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=trial-start]")));
        Assert.Contains("₽17,400", DisplayText.Spaced(page.Find("[data-testid=trial-then]").TextContent), StringComparison.Ordinal);
        await page.Find("[data-testid=card-number]").InputAsync(new() { Value = BillingScenario.GoodCard });
        await page.Find("[data-testid=card-expiry]").InputAsync(new() { Value = "12/30" });
        await page.Find("[data-testid=card-cvc]").InputAsync(new() { Value = "123" });
        await page.Find("[data-testid=trial-start]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.EndsWith("/billing?trial=started", Navigation.Uri, StringComparison.Ordinal));
        var subscription = await Portal.SubscriptionAsync(customer.OrganizationId);
        Assert.Equal((SubscriptionStatus.Trialing, "new_semiannual"), (subscription.Status, subscription.PlanCode));
    }

    [Fact]
    public async Task A_declined_card_says_why_keeps_the_form_and_starts_nothing()
    {
        var customer = await SignedInOwnerAsync();

        var page = Render<TrialStartPage>(p => p.Add(c => c.PlanCode, "new_monthly"));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=trial-start]")));
        await page.Find("[data-testid=card-number]").InputAsync(new() { Value = BillingScenario.NoFundsCard });
        await page.Find("[data-testid=card-expiry]").InputAsync(new() { Value = "12/30" });
        await page.Find("[data-testid=card-cvc]").InputAsync(new() { Value = "123" });
        await page.Find("[data-testid=trial-start]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("insufficient funds", page.Find("[data-testid=trial-error]").TextContent, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(BillingScenario.NoFundsCard, page.Find("[data-testid=card-number]").GetAttribute("value"));
        Assert.Equal(Plan.FreeCode, (await Portal.SubscriptionAsync(customer.OrganizationId)).PlanCode);
    }

    [Fact]
    public async Task A_second_trial_is_refused_on_the_start_page_with_the_reason()
    {
        var customer = await SignedInOwnerAsync("ru");
        await Portal.StartTrialAsync(customer);
        await Portal.Get<TrialService>().CancelAsync(customer.Id, customer.OrganizationId);
        UseCulture("ru");

        var page = Render<TrialStartPage>(p => p.Add(c => c.PlanCode, "new_monthly"));

        page.WaitForAssertion(() => Assert.Equal(
            "Вы уже использовали пробный период. Выберите тариф, чтобы продолжить.", page.Find("[data-testid=trial-refused]").TextContent.Trim()));
        Assert.Empty(page.FindAll("[data-testid=trial-start]"));
    }

    [Fact]
    public async Task The_banner_counts_the_days_left_and_says_what_will_be_charged_when()
    {
        var customer = await SignedInOwnerAsync();
        var started = await Portal.StartTrialAsync(customer, "new_quarterly");
        MoveClocksTo(started.StartedAt + TimeSpan.FromDays(5) + TimeSpan.FromHours(1));

        var banner = Render<TrialBanner>();

        banner.WaitForAssertion(() => Assert.NotNull(banner.Find("[data-testid=trial-banner]")));
        var text = DisplayText.Spaced(banner.Find("[data-testid=trial-banner-text]").TextContent);
        Assert.StartsWith("Quarterly trial: 2 days left. On ", text, StringComparison.Ordinal);
        Assert.EndsWith("we charge ₽9,900 unless you cancel.", text, StringComparison.Ordinal);
        Assert.Equal("billing", banner.Find("[data-testid=trial-banner-manage]").GetAttribute("href"));

        MoveClocksTo(started.EndsAt - TimeSpan.FromHours(3));
        var lastDay = Render<TrialBanner>();
        lastDay.WaitForAssertion(() => Assert.Contains("1 day left", lastDay.Find("[data-testid=trial-banner-text]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_banner_in_russian_uses_the_right_plural_and_is_absent_without_a_trial()
    {
        var customer = await SignedInOwnerAsync("ru");
        Assert.Empty(Render<TrialBanner>().FindAll("[data-testid=trial-banner]"));
        var started = await Portal.StartTrialAsync(customer, "new_monthly");
        MoveClocksTo(started.StartedAt + TimeSpan.FromDays(3));

        UseCulture("ru");
        var banner = Render<TrialBanner>();

        banner.WaitForAssertion(() => Assert.Contains("осталось 4 дня", banner.Find("[data-testid=trial-banner-text]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cancelling_asks_once_states_the_consequences_and_confirms()
    {
        var customer = await SignedInOwnerAsync();
        await Portal.StartTrialAsync(customer, "new_quarterly");

        var page = Render<TrialCancelPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=trial-cancel-confirm]")));
        Assert.Contains("₽9,900 payment will not be taken", DisplayText.Spaced(page.Find("[data-testid=trial-cancel-charge]").TextContent), StringComparison.Ordinal);
        Assert.Equal(SubscriptionStatus.Trialing, (await Portal.SubscriptionAsync(customer.OrganizationId)).Status);

        await page.Find("[data-testid=trial-cancel-confirm]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=trial-cancel-done]")));
        Assert.True((await Portal.SubscriptionAsync(customer.OrganizationId)).CancelAtPeriodEnd);
        Assert.Contains("trial-cancelled", await Portal.EmailKindsToAsync(customer.User.Email!));

        var again = Render<TrialCancelPage>();
        again.WaitForAssertion(() => Assert.Contains("already cancelled", again.Find("[data-testid=trial-cancel-none]").TextContent, StringComparison.Ordinal));
    }

    /// <summary>The services and the components each have a clock; a trial's days left need both at the same instant.</summary>
    private void MoveClocksTo(DateTimeOffset instant)
    {
        Portal.Clock.SetUtcNow(instant);
        Clock.SetUtcNow(instant);
    }

    private async Task WithTrialsOffAsync(Func<Task> action)
    {
        var settings = Portal.Get<FeatureSettings>();
        await settings.SetOverrideAsync(FeatureNames.Trials, enabled: false, rolloutPercentage: null, "admin@example.com");
        try
        {
            await action();
        }
        finally
        {
            await settings.ClearOverrideAsync(FeatureNames.Trials);
        }
    }
}
