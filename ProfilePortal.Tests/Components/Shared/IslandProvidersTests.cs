using Bunit;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Components.Shared;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Components.Shared;

/// <summary>
/// The MudBlazor providers of a server-rendered page's islands (ADR-024): none in an idle tab, rendered once at the
/// page's level from the first time an island needs them.
/// </summary>
public sealed class IslandProvidersTests : PortalComponentTestContext
{
    private IslandProviderState State => Services.GetRequiredService<IslandProviderState>();

    [Fact]
    public async Task The_providers_appear_when_an_island_first_needs_them_and_once()
    {
        var cut = Render<IslandProviders>();
        Assert.Empty(cut.FindAll(".mud-popover-provider"));
        Assert.False(State.IsRequired);

        await cut.InvokeAsync(State.RequireAsync);
        await cut.InvokeAsync(State.RequireAsync);

        Assert.True(State.IsRequired);
        Assert.Single(cut.FindAll(".mud-popover-provider"));
        Assert.NotEmpty(cut.FindAll("#mud-snackbar-container, .mud-snackbar-provider"));
    }

    [Fact]
    public async Task Without_the_providers_island_on_the_page_an_island_is_told_so()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(State.RequireAsync);

        Assert.Contains("IslandProviders", error.Message, StringComparison.Ordinal);
        Assert.False(State.IsRequired);
    }

    [Fact]
    public async Task A_page_left_after_the_providers_were_asked_for_leaves_no_subscription_behind()
    {
        var cut = Render<IslandProviders>();
        cut.Instance.Dispose();

        await Assert.ThrowsAsync<InvalidOperationException>(State.RequireAsync);
    }
}
