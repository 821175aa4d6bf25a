using Bunit;
using MudBlazor;
using ProfilePortal.Components.Layout;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Components.Layout;

/// <summary>
/// The theme provider every circuit renders: the same markup as MudBlazor's, with one copy of the style sheet shared
/// by all circuits instead of one per circuit.
/// </summary>
public sealed class PortalThemeProviderTests : PortalComponentTestContext
{
    [Theory]
    [InlineData(false, true)]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void Renders_what_mudblazors_provider_renders(bool isDarkMode, bool scrollbar)
    {
        var mud = Render<MudThemeProvider>(p => p
            .Add(t => t.Theme, PortalTheme.Theme).Add(t => t.IsDarkMode, isDarkMode).Add(t => t.DefaultScrollbar, scrollbar));
        var portal = Render<PortalThemeProvider>(p => p
            .Add(t => t.Theme, PortalTheme.Theme).Add(t => t.IsDarkMode, isDarkMode).Add(t => t.DefaultScrollbar, scrollbar));

        Assert.Contains("--mud-palette-primary", portal.Markup, StringComparison.Ordinal);
        Assert.Equal(mud.Markup, portal.Markup);
    }

    [Fact]
    public void Light_and_dark_render_their_own_palettes()
    {
        var light = Render<PortalThemeProvider>(p => p.Add(t => t.Theme, PortalTheme.Theme).Add(t => t.IsDarkMode, false));
        var dark = Render<PortalThemeProvider>(p => p.Add(t => t.Theme, PortalTheme.Theme).Add(t => t.IsDarkMode, true));

        Assert.NotEqual(light.Markup, dark.Markup);
    }

    [Fact]
    public void Every_circuit_keeps_the_same_copy_of_an_equal_sheet()
    {
        var first = new string(['.', 'a', '{', '}']);
        var second = new string(['.', 'a', '{', '}']);
        Assert.NotSame(first, second);

        Assert.Same(PortalThemeProvider.Shared(first), PortalThemeProvider.Shared(second));
    }
}
