using Bunit;
using MudBlazor;
using ProfilePortal.Components.Shared;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Components.Shared;

/// <summary>The icon markup without a component is exactly what MudIcon renders, and one shared string per icon.</summary>
public sealed class StaticIconTests : PortalComponentTestContext
{
    [Theory]
    [InlineData(Size.Medium, Color.Inherit, null)]
    [InlineData(Size.Medium, Color.Default, null)]
    [InlineData(Size.Small, Color.Primary, "mr-2")]
    [InlineData(Size.Large, Color.Error, null)]
    public void Matches_what_mud_icon_renders(Size size, Color color, string? cssClass)
    {
        var mud = Render<MudIcon>(p => p
            .Add(i => i.Icon, Icons.Material.Filled.Person).Add(i => i.Size, size).Add(i => i.Color, color).Add(i => i.Class, cssClass));

        Assert.Equal(mud.Markup, StaticIcon.Of(Icons.Material.Filled.Person, size, color, cssClass).Value);
    }

    [Fact]
    public void Every_circuit_shares_one_string_per_icon()
    {
        Assert.Same(StaticIcon.Of(Icons.Material.Filled.Edit).Value, StaticIcon.Of(Icons.Material.Filled.Edit).Value);
    }
}
