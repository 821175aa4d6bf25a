namespace ProfilePortal.Components.Shared;

/// <summary>
/// Whether the islands of a server-rendered page (ADR-024) need MudBlazor's popover, dialog and snackbar providers,
/// which <see cref="IslandProviders"/> renders once, outside the islands, from the first time one asks. One per
/// circuit: every island of a page shares the page's circuit and its scope.
/// </summary>
public sealed class IslandProviderState
{
    private TaskCompletionSource? _rendered;

    /// <summary>Raised when the providers are first required; <see cref="IslandProviders"/> renders them.</summary>
    internal event Func<Task>? Required;

    /// <summary>Whether an island has asked for the providers.</summary>
    public bool IsRequired { get; private set; }

    /// <summary>Renders the providers if they are not yet, and completes once they are on the page.</summary>
    /// <exception cref="InvalidOperationException">The page has no <see cref="IslandProviders"/>.</exception>
    public async Task RequireAsync()
    {
        if (!IsRequired)
        {
            var required = Required ?? throw new InvalidOperationException(
                "The page has no IslandProviders island to render the providers its islands need.");
            IsRequired = true;
            _rendered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await required();
        }

        await _rendered!.Task;
    }

    /// <summary>Called by <see cref="IslandProviders"/> after it rendered the providers.</summary>
    internal void Rendered() => _rendered?.TrySetResult();
}
