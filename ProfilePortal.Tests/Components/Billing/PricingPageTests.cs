using Bunit;
using ProfilePortal.Components.Pricing;
using ProfilePortal.Domain.Features;
using ProfilePortal.Tests.Components.Profile;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Components.Billing;

public sealed class PricingPageTests(ProfileUiServices portal) : BillingTestContext(portal), IClassFixture<ProfileUiServices>
{
    [Fact]
    public async Task The_new_page_shows_the_plans_side_by_side_with_totals_and_savings_against_monthly()
    {
        SetFeature(FeatureNames.NewPricing, true);
        await SignedInOwnerAsync();

        var page = Render<PricingPage>();

        page.WaitForAssertion(() => Assert.Equal(4, page.FindAll("[data-testid=pricing-plan]").Count));
        Assert.NotNull(page.Find("[data-testid=pricing-new]"));
        var quarterly = page.Find("[data-testid=pricing-plan][data-code=new_quarterly]");
        Assert.Equal("₽3,300", DisplayText.Spaced(quarterly.QuerySelector("[data-testid=pricing-per-month]")!.TextContent));
        Assert.Equal("₽9,900 for 3 mo", DisplayText.Spaced(quarterly.QuerySelector("[data-testid=pricing-total]")!.TextContent));
        Assert.Equal(
            ["Save 15 %", "Save 25 %", "Save 38 %"],
            page.FindAll("[data-testid=pricing-saving]").Select(s => DisplayText.Spaced(s.TextContent)));
        Assert.Empty(page.FindAll("[data-testid=pricing-plan][data-code=new_monthly] [data-testid=pricing-saving]"));
        Assert.Equal("billing/checkout/new_quarterly", quarterly.QuerySelector("[data-testid=pricing-choose]")!.GetAttribute("href"));
        Assert.Empty(page.FindAll("[data-testid=pricing-plan][data-code=monthly]"));
    }

    [Fact]
    public async Task With_the_flag_off_the_old_plain_list_is_back()
    {
        SetFeature(FeatureNames.NewPricing, false);
        await SignedInOwnerAsync();

        var page = Render<PricingPage>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=pricing-old]")));
        Assert.Empty(page.FindAll("[data-testid=pricing-new]"));
        Assert.Empty(page.FindAll("[data-testid=pricing-saving]"));
        Assert.Equal(4, page.FindAll("[data-testid=pricing-plan]").Count);
    }

    [Fact]
    public async Task The_current_plan_is_marked_and_others_cannot_be_bought_over_it()
    {
        SetFeature(FeatureNames.NewPricing, true);
        var customer = await SignedInOwnerAsync();
        await BuyAsync(customer, "new_semiannual");

        var page = Render<PricingPage>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=pricing-current]")));
        var current = page.Find("[data-testid=pricing-plan][aria-current=true]");
        Assert.Equal("new_semiannual", current.GetAttribute("data-code"));
        Assert.NotNull(page.Find("[data-testid=pricing-has-plan]"));
        Assert.All(page.FindAll("[data-testid=pricing-choose]"), b => Assert.True(b.HasAttribute("disabled")));
    }

    [Fact]
    public void A_visitor_is_asked_to_sign_up_and_comes_back_to_the_checkout()
    {
        SetFeature(FeatureNames.NewPricing, true);

        var page = Render<PricingPage>();

        page.WaitForAssertion(() => Assert.Equal(4, page.FindAll("[data-testid=pricing-choose]").Count));
        Assert.Equal(
            "Account/Register?ReturnUrl=%2Fbilling%2Fcheckout%2Fnew_annual",
            page.Find("[data-testid=pricing-plan][data-code=new_annual] [data-testid=pricing-choose]").GetAttribute("href"));
    }

    [Fact]
    public async Task Prices_are_in_the_readers_culture()
    {
        SetFeature(FeatureNames.NewPricing, true);
        UseCulture("ru");
        await SignedInOwnerAsync("ru");

        var page = Render<PricingPage>();

        page.WaitForAssertion(() => Assert.Equal(4, page.FindAll("[data-testid=pricing-plan]").Count));
        var annual = page.Find("[data-testid=pricing-plan][data-code=new_annual]");
        Assert.Equal("2 400 ₽", DisplayText.Spaced(annual.QuerySelector("[data-testid=pricing-per-month]")!.TextContent));
        Assert.Equal("28 800 ₽ за 12 мес.", DisplayText.Spaced(annual.QuerySelector("[data-testid=pricing-total]")!.TextContent));
    }
}
