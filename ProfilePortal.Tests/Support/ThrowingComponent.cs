using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace ProfilePortal.Tests.Support;

/// <summary>A page body that fails while rendering, as a bug would, for as long as the test says so.</summary>
public sealed class ThrowingComponent : ComponentBase
{
    public const string RecoveredText = "Recovered content";

    /// <summary>Asked on every render; while it answers true, the render throws.</summary>
    [Parameter]
    public Func<bool> Fails { get; set; } = () => true;

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        if (Fails())
        {
            throw new InvalidOperationException("Simulated failure in a page.");
        }

        builder.AddContent(0, RecoveredText);
    }
}
