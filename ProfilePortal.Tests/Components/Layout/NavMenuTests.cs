using Bunit;
using ProfilePortal.Components.Layout;
using ProfilePortal.Domain.Features;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Components.Layout;

public sealed class NavMenuTests : PortalComponentTestContext
{
    [Fact]
    public void Customer_sees_profile_and_billing_but_no_admin_link()
    {
        SignIn("anna@profileportal.local");

        var cut = Render<NavMenu>();

        Assert.NotEmpty(cut.FindAll("[data-testid=nav-profile]"));
        Assert.NotEmpty(cut.FindAll("[data-testid=nav-billing]"));
        Assert.Empty(cut.FindAll("[data-testid=nav-admin]"));
    }

    [Fact]
    public void With_the_profile_page_switched_off_the_old_menu_has_no_profile_link()
    {
        SignIn("anna@profileportal.local");
        SetFeature(FeatureNames.ProfilePage, false);

        var cut = Render<NavMenu>();

        Assert.Empty(cut.FindAll("[data-testid=nav-profile]"));
        Assert.NotEmpty(cut.FindAll("[data-testid=nav-billing]"));
    }

    [Fact]
    public void Admin_sees_the_admin_link()
    {
        SignIn("admin@profileportal.local", Roles.Admin);

        var cut = Render<NavMenu>();

        var admin = cut.Find("[data-testid=nav-admin]");
        Assert.Contains("Administration", admin.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Anonymous_visitor_sees_only_home()
    {
        var cut = Render<NavMenu>();

        Assert.NotEmpty(cut.FindAll("[data-testid=nav-home]"));
        Assert.Empty(cut.FindAll("[data-testid=nav-profile]"));
        Assert.Empty(cut.FindAll("[data-testid=nav-admin]"));
    }

    [Fact]
    public void Links_are_in_russian_when_the_culture_is_russian()
    {
        UseCulture("ru");
        SignIn("anna@profileportal.local");

        var cut = Render<NavMenu>();

        Assert.Contains("Профиль", cut.Find("[data-testid=nav-profile]").TextContent, StringComparison.Ordinal);
    }
}
