using Bunit;
using ProfilePortal.Components.Pages;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Components.Pages;

public sealed class PlaceholderPagesTests : PortalComponentTestContext
{
    [Theory]
    [InlineData("en", "Page not found")]
    [InlineData("ru", "Страница не найдена")]
    public void Not_found_page_says_so_and_links_home(string culture, string title)
    {
        UseCulture(culture);

        var cut = Render<NotFound>();

        Assert.Equal(title, cut.Find("h1").TextContent.Trim());
        Assert.NotNull(cut.Find("a[href='/']"));
    }

    [Fact]
    public void Home_invites_anonymous_visitors_to_sign_in_or_up()
    {
        var cut = Render<Home>();

        Assert.Equal("Account/Login", cut.Find("[data-testid=home-sign-in]").GetAttribute("href"));
        Assert.Equal("Account/Register", cut.Find("[data-testid=home-sign-up]").GetAttribute("href"));
    }

    [Fact]
    public void Home_welcomes_a_signed_in_user_with_links()
    {
        SignIn("anna@profileportal.local");

        var cut = Render<Home>();

        Assert.Contains("Welcome back", cut.Find("h1").TextContent, StringComparison.Ordinal);
        Assert.Equal("profile", cut.Find("[data-testid=home-profile]").GetAttribute("href"));
        Assert.Empty(cut.FindAll("[data-testid=home-sign-in]"));
    }

    [Fact]
    public void Home_leaves_out_the_profile_link_when_the_profile_page_is_switched_off()
    {
        SignIn("anna@profileportal.local");
        SetFeature(ProfilePortal.Domain.Features.FeatureNames.ProfilePage, false);

        var cut = Render<Home>();

        Assert.Empty(cut.FindAll("[data-testid=home-profile]"));
        Assert.NotEmpty(cut.FindAll("[data-testid=home-billing]"));
    }
}
