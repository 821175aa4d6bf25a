using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using MudBlazor.Extensions;
using ProfilePortal.Components.Layout;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Components.Layout;

public sealed class MainLayoutTests : PortalComponentTestContext
{
    // The shell is tested on its own; the trial and pause banners it hosts have their own tests over the domain services.
    public MainLayoutTests()
    {
        ComponentFactories.AddStub<ProfilePortal.Components.Trials.TrialBanner>();
        ComponentFactories.AddStub<ProfilePortal.Components.Retention.PauseBanner>();
        ComponentFactories.AddStub<ProfilePortal.Components.Organizations.OrganizationSwitcher>();
    }

    [Fact]
    public async Task Theme_toggle_switches_to_dark_and_remembers_the_choice()
    {
        var cut = RenderLayout(_ => { });
        Assert.False(IsDarkMode(cut));

        await cut.Find("[data-testid=theme-toggle]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.True(IsDarkMode(cut)));
        var invocation = JSInterop.VerifyInvoke("portal.setPreferenceCookie");
        Assert.Equal(["ProfilePortal.Theme", "dark"], invocation.Arguments);
    }

    [Fact]
    public async Task Theme_toggle_switches_back_to_light()
    {
        var cut = RenderLayout(_ => { }, ThemePreference.Dark);
        Assert.True(IsDarkMode(cut));

        await cut.Find("[data-testid=theme-toggle]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.False(IsDarkMode(cut)));
    }

    [Theory]
    [InlineData("en", "Something went wrong on this page")]
    [InlineData("ru", "На этой странице что-то пошло не так")]
    public void A_failing_page_shows_the_localized_error_notice_inside_the_shell(string culture, string title)
    {
        UseCulture(culture);

        var cut = RenderLayout(builder =>
        {
            builder.OpenComponent<ThrowingComponent>(0);
            builder.CloseComponent();
        });

        cut.WaitForAssertion(() => Assert.Contains(title, cut.Find("[data-testid=error-boundary]").TextContent, StringComparison.Ordinal));
        Assert.NotEmpty(cut.FindAll("[data-testid=theme-toggle]"));
    }

    [Fact]
    public async Task Retry_renders_the_page_again()
    {
        var fails = true;
        var cut = RenderLayout(builder =>
        {
            builder.OpenComponent<ThrowingComponent>(0);
            builder.AddComponentParameter(1, nameof(ThrowingComponent.Fails), (Func<bool>)(() => fails));
            builder.CloseComponent();
        });
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=error-boundary]")));

        fails = false;
        await cut.Find("[data-testid=error-retry]").ClickAsync(new());

        cut.WaitForAssertion(() =>
        {
            Assert.Empty(cut.FindAll("[data-testid=error-boundary]"));
            Assert.Contains(ThrowingComponent.RecoveredText, cut.Markup, StringComparison.Ordinal);
        });
    }

    private static bool IsDarkMode(IRenderedComponent<MainLayout> cut) =>
        cut.FindComponent<MudThemeProvider>().Instance.GetState(provider => provider.IsDarkMode);

    private IRenderedComponent<MainLayout> RenderLayout(RenderFragment body, ThemePreference theme = ThemePreference.System) =>
        Render<MainLayout>(parameters => parameters
            .Add(p => p.Body, body)
            .AddCascadingValue(ThemeCookie.CascadingName, theme));
}
