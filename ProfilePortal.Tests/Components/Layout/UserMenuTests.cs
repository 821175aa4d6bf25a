using Bunit;
using ProfilePortal.Components.Layout;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Components.Layout;

public sealed class UserMenuTests : PortalComponentTestContext
{
    [Fact]
    public void Shows_the_signed_in_email()
    {
        SignIn("anna@profileportal.local");

        var cut = Render<UserMenu>();

        Assert.Equal("anna@profileportal.local", cut.Find("[data-testid=current-user]").TextContent.Trim());
    }

    [Fact]
    public void Sign_out_is_a_form_post_to_logout_with_an_antiforgery_token()
    {
        SignIn("anna@profileportal.local");

        var cut = Render<UserMenu>();

        var button = cut.Find("[data-testid=sign-out]");
        Assert.Equal("submit", button.GetAttribute("type"));
        var form = button.Closest("form")!;
        Assert.Equal("Account/Logout", form.GetAttribute("action"));
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.NotNull(form.QuerySelector("input[name=__RequestVerificationToken]"));
    }

    [Fact]
    public void Anonymous_visitor_gets_a_sign_in_link_instead()
    {
        var cut = Render<UserMenu>();

        Assert.Equal("Account/Login", cut.Find("[data-testid=sign-in]").GetAttribute("href"));
        Assert.Empty(cut.FindAll("[data-testid=sign-out]"));
    }
}
