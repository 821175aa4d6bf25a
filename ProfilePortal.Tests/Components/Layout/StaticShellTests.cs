using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;
using ProfilePortal.Components.Layout;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Components.Layout;

/// <summary>
/// The shell on a page excluded from interactive routing (static SSR, no circuit, no assigned render mode) against the
/// same shell during the prerender of an interactive page (not interactive either, but InteractiveServer assigned).
/// </summary>
public sealed class StaticShellTests : PortalComponentTestContext
{
    public StaticShellTests()
    {
        ComponentFactories.AddStub<ProfilePortal.Components.Trials.TrialBanner>();
        ComponentFactories.AddStub<ProfilePortal.Components.Retention.PauseBanner>();
        ComponentFactories.AddStub<ProfilePortal.Components.Organizations.OrganizationSwitcher>();
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));
    }

    [Fact]
    public void A_static_page_gets_the_shell_without_circuit_components()
    {
        var cut = RenderLayout();

        Assert.Equal("static", cut.Find(".mud-layout").GetAttribute("data-interactive"));
        Assert.Empty(cut.FindComponents<MudDrawer>());
        Assert.Empty(cut.FindComponents<MudLayout>());
        Assert.Empty(cut.FindComponents<MudPopoverProvider>());
        Assert.Empty(cut.FindComponents<MudDialogProvider>());
        Assert.Empty(cut.FindComponents<MudSnackbarProvider>());
        Assert.NotEmpty(cut.FindAll("aside[data-portal-drawer] [data-testid=nav-home]"));
    }

    [Fact]
    public void The_prerender_of_an_interactive_page_keeps_the_interactive_shell()
    {
        var cut = RenderLayout(interactivePage: true);

        Assert.Equal("false", cut.Find(".mud-layout").GetAttribute("data-interactive"));
        Assert.NotEmpty(cut.FindComponents<MudDrawer>());
        Assert.NotEmpty(cut.FindComponents<MudPopoverProvider>());
        Assert.Empty(cut.FindAll("[data-portal-drawer-toggle]"));
        Assert.Null(cut.Find("[data-testid=theme-toggle]").GetAttribute("data-preference-cookie"));
    }

    [Fact]
    public async Task The_static_drawer_is_mudblazors_open_drawer_in_its_initial_state()
    {
        // What MudDrawer and MudLayout render once the interactive drawer is open.
        await using var interactive = new InteractiveShell();
        var open = await interactive.OpenDrawerAsync();

        var cut = RenderLayout();

        Assert.Equal(Classes(open.Find(".mud-layout")), Classes(cut.Find(".mud-layout")));
        Assert.Equal(Classes(open.Find("aside.mud-drawer")).Append("mud-drawer--initial").Order(), Classes(cut.Find("aside.mud-drawer")));
        Assert.Equal(
            Classes(open.Find(".mud-drawer-overlay")).Where(c => c != "mud-drawer-overlay--open"),
            Classes(cut.Find(".mud-drawer-overlay")));
        Assert.Equal("Main navigation", cut.Find("aside.mud-drawer").GetAttribute("aria-label"));

        var toggle = cut.Find("[data-testid=nav-toggle]");
        Assert.Equal("portal-drawer", toggle.GetAttribute("aria-controls"));
        Assert.Equal("portal-drawer", cut.Find("aside.mud-drawer").Id);
        Assert.True(toggle.HasAttribute("data-portal-drawer-toggle"));
        Assert.Equal("Show or hide the menu", toggle.GetAttribute("aria-label"));
    }

    [Fact]
    public void Following_the_device_a_static_page_adds_the_dark_palette_under_prefers_color_scheme()
    {
        var cut = RenderLayout();

        var markup = cut.Markup;
        var media = markup.IndexOf("@media (prefers-color-scheme: dark)", StringComparison.Ordinal);
        Assert.True(media > 0);
        Assert.Contains("--mud-palette-primary: rgba(57,73,171,1)", markup[..media], StringComparison.OrdinalIgnoreCase);
        Assert.Contains("--mud-palette-primary: rgba(140,158,255,1)", markup[media..], StringComparison.OrdinalIgnoreCase);

        var toggle = cut.Find("[data-testid=theme-toggle]");
        Assert.Equal(ThemeCookie.Name, toggle.GetAttribute("data-preference-cookie"));
        Assert.False(toggle.HasAttribute("data-preference-value"));
        Assert.Equal("Switch to the dark theme", toggle.QuerySelector(".portal-when-light .portal-visually-hidden")!.TextContent);
        Assert.Equal("Switch to the light theme", toggle.QuerySelector(".portal-when-dark .portal-visually-hidden")!.TextContent);
    }

    [Theory]
    [InlineData(ThemePreference.Dark, "rgba(140,158,255,1)", "light", "true")]
    [InlineData(ThemePreference.Light, "rgba(57,73,171,1)", "dark", "false")]
    public void A_stored_choice_renders_its_palette_and_the_toggle_stores_the_other(
        ThemePreference theme, string primary, string next, string pressed)
    {
        var cut = RenderLayout(theme: theme);

        Assert.DoesNotContain("prefers-color-scheme", cut.Markup, StringComparison.Ordinal);
        Assert.Contains($"--mud-palette-primary: {primary}", cut.Markup, StringComparison.OrdinalIgnoreCase);
        var toggle = cut.Find("[data-testid=theme-toggle]");
        Assert.Equal(next, toggle.GetAttribute("data-preference-value"));
        Assert.Equal(pressed, toggle.GetAttribute("aria-pressed"));
    }

    [Fact]
    public void An_interactive_page_following_the_device_renders_one_palette_as_before()
    {
        var cut = RenderLayout(interactivePage: true);

        Assert.DoesNotContain("prefers-color-scheme", cut.Markup, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "Show or hide the menu", "Account menu")]
    [InlineData("ru", "Показать или скрыть меню", "Меню учётной записи")]
    public void The_static_account_menu_is_a_native_dropdown(string culture, string toggleLabel, string menuLabel)
    {
        UseCulture(culture);
        SignIn("anna@profileportal.local");

        var cut = RenderLayout();

        Assert.Equal(toggleLabel, cut.Find("[data-testid=nav-toggle]").GetAttribute("aria-label"));
        var menu = cut.Find("details[data-testid=user-menu]");
        Assert.True(menu.HasAttribute("data-portal-dropdown"));
        Assert.Equal(menuLabel, menu.QuerySelector("summary")!.GetAttribute("aria-label"));
        Assert.Equal("anna@profileportal.local", menu.QuerySelector("[data-testid=current-user-menu]")!.TextContent);
        Assert.Equal("sign-out-form", menu.QuerySelector("[data-testid=sign-out-menu]")!.GetAttribute("form"));
        Assert.NotNull(cut.Find("form#sign-out-form input[name=__RequestVerificationToken]"));
        Assert.Empty(cut.FindComponents<MudMenu>());
    }

    [Fact]
    public void The_static_menu_marks_the_requested_page_as_current()
    {
        SignIn("anna@profileportal.local");
        Navigation.NavigateTo("billing");

        var cut = RenderLayout();

        Assert.Equal("page", cut.Find("[data-testid=nav-billing]").GetAttribute("aria-current"));
        Assert.Null(cut.Find("[data-testid=nav-home]").GetAttribute("aria-current"));
    }

    private static IEnumerable<string> Classes(AngleSharp.Dom.IElement element) => element.ClassList.Order();

    private IRenderedComponent<MainLayout> RenderLayout(ThemePreference theme = ThemePreference.System, bool interactivePage = false) =>
        Render<MainLayout>(parameters =>
        {
            parameters
                .Add(p => p.Body, (RenderFragment)(_ => { }))
                .AddCascadingValue(ThemeCookie.CascadingName, theme);
            if (interactivePage)
            {
                parameters.SetAssignedRenderMode(RenderMode.InteractiveServer);
            }
        });

    private sealed class InteractiveShell : PortalComponentTestContext
    {
        public async Task<IRenderedComponent<MainLayout>> OpenDrawerAsync()
        {
            ComponentFactories.AddStub<ProfilePortal.Components.Trials.TrialBanner>();
            ComponentFactories.AddStub<ProfilePortal.Components.Retention.PauseBanner>();
            ComponentFactories.AddStub<ProfilePortal.Components.Organizations.OrganizationSwitcher>();
            var cut = Render<MainLayout>(parameters => parameters
                .Add(p => p.Body, (RenderFragment)(_ => { }))
                .AddCascadingValue(ThemeCookie.CascadingName, ThemePreference.System));
            if (cut.Find("aside.mud-drawer").ClassList.Contains("mud-drawer--closed"))
            {
                await cut.Find("[data-testid=nav-toggle]").ClickAsync(new());
            }

            cut.WaitForAssertion(() => Assert.Contains("mud-drawer--open", cut.Find("aside.mud-drawer").ClassList));
            return cut;
        }
    }
}
