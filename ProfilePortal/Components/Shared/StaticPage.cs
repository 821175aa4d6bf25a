using Microsoft.AspNetCore.Components;

namespace ProfilePortal.Components.Shared;

/// <summary>
/// Whether a component renders on a page excluded from interactive routing (ADR-024): rendered once by static
/// server rendering, with no circuit to follow. During the prerender of an interactive page the component is not
/// interactive yet either, but its assigned render mode is already InteractiveServer.
/// </summary>
internal static class StaticPage
{
    /// <summary>From a component's <c>AssignedRenderMode</c> and <c>RendererInfo</c>.</summary>
    public static bool Is(IComponentRenderMode? assignedRenderMode, RendererInfo rendererInfo) =>
        assignedRenderMode is null && !rendererInfo.IsInteractive;
}
