using Bunit;
using ProfilePortal.Components.Admin;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Components.Admin;

public sealed class AdminPageTests : PortalComponentTestContext
{
    [Theory]
    [InlineData("en", "Fraud review queue")]
    [InlineData("ru", "Очередь проверки на мошенничество")]
    public void The_admin_page_links_to_the_fraud_review_queue(string culture, string text)
    {
        UseCulture(culture);
        SignIn("admin@profileportal.local", Roles.Admin);

        var page = Render<AdminPage>();

        var link = page.Find("[data-testid=admin-fraud-link]");
        Assert.Equal("admin/fraud", link.GetAttribute("href"));
        Assert.Equal(text, link.TextContent.Trim());
    }
}
