using Bunit;
using Microsoft.AspNetCore.Components;
using ProfilePortal.Components.Layout;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Components.Layout;

public sealed class LanguageSwitchTests : PortalComponentTestContext
{
    [Theory]
    [InlineData("ru", "c=ru|uic=ru")]
    [InlineData("en", "c=en|uic=en")]
    public async Task Choosing_a_language_sets_the_culture_cookie_and_reloads_the_page(string language, string cookieValue)
    {
        Navigation.NavigateTo("profile");
        var cut = Render<LanguageSwitch>();

        await cut.Find($"[data-testid=lang-{language}]").ClickAsync(new());

        var invocation = JSInterop.VerifyInvoke("portal.setPreferenceCookie");
        Assert.Equal([".AspNetCore.Culture", cookieValue], invocation.Arguments);
        cut.WaitForAssertion(() =>
        {
            var last = Navigation.History.First();
            Assert.True(last.Options.ForceLoad);
            Assert.EndsWith("/profile", last.Uri, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Current_language_is_marked_as_pressed()
    {
        UseCulture("ru");

        var cut = Render<LanguageSwitch>();

        Assert.Equal("true", cut.Find("[data-testid=lang-ru]").GetAttribute("aria-pressed"));
        Assert.Equal("false", cut.Find("[data-testid=lang-en]").GetAttribute("aria-pressed"));
    }

    [Fact]
    public void On_static_pages_the_buttons_carry_the_cookie_for_the_script()
    {
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));

        var cut = Render<LanguageSwitch>();

        var english = cut.Find("[data-testid=lang-en]");
        Assert.Equal(".AspNetCore.Culture", english.GetAttribute("data-preference-cookie"));
        Assert.Equal("c=en|uic=en", english.GetAttribute("data-preference-value"));
        Assert.Equal("button", english.GetAttribute("type"));
    }
}
