using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Components.Layout;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Components.Layout;

public sealed class NavLinkMatcherTests : PortalComponentTestContext
{
    [Theory]
    [InlineData("/", true, "http://localhost/", true)]
    [InlineData("/", true, "http://localhost/?welcome=1#top", true)]
    [InlineData("/", true, "http://localhost/profile", false)]
    [InlineData("billing", false, "http://localhost/billing", true)]
    [InlineData("billing", false, "http://localhost/BILLING/invoices", true)]
    [InlineData("billing", false, "http://localhost/billing?tab=invoices", true)]
    [InlineData("billing", false, "http://localhost/billingx", false)]
    [InlineData("admin", false, "http://localhost/pricing", false)]
    public void Matches_as_blazors_navlink(string href, bool matchAll, string current, bool active)
    {
        var navigation = Services.GetRequiredService<BunitNavigationManager>();

        Assert.Equal(active, NavLinkMatcher.IsActive(navigation, href, current, matchAll));
    }
}
