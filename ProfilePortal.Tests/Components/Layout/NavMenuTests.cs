using Bunit;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor.Interfaces;
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

    // The menu writes its links itself (issue 10): the active one is marked as NavLink would, and follows navigation.
    [Fact]
    public void The_current_page_is_marked_active_and_follows_navigation()
    {
        SignIn("anna@profileportal.local");
        var cut = Render<NavMenu>();
        Assert.Equal("page", cut.Find("[data-testid=nav-home]").GetAttribute("aria-current"));

        Navigation.NavigateTo("billing/invoices?page=2");

        cut.WaitForAssertion(() =>
        {
            var billing = cut.Find("[data-testid=nav-billing]");
            Assert.Contains("active", billing.ClassList);
            Assert.Equal("page", billing.GetAttribute("aria-current"));
            var home = cut.Find("[data-testid=nav-home]");
            Assert.DoesNotContain("active", home.ClassList);
            Assert.Null(home.GetAttribute("aria-current"));
        });

        Navigation.NavigateTo("/?welcome=1");

        cut.WaitForAssertion(() =>
        {
            Assert.Contains("active", cut.Find("[data-testid=nav-home]").ClassList);
            Assert.DoesNotContain("active", cut.Find("[data-testid=nav-billing]").ClassList);
        });
    }

    [Fact]
    public async Task A_click_on_a_link_tells_the_drawer_so_it_closes_on_narrow_screens()
    {
        var drawer = new DrawerDouble();
        var cut = Render<NavMenu>(parameters => parameters.AddCascadingValue<INavigationEventReceiver>(drawer));

        await cut.Find("[data-testid=nav-pricing]").ClickAsync(new MouseEventArgs());

        Assert.Equal(1, drawer.Navigations);
    }

    private sealed class DrawerDouble : INavigationEventReceiver
    {
        public int Navigations { get; private set; }

        public Task OnNavigation()
        {
            Navigations++;
            return Task.CompletedTask;
        }
    }
}
