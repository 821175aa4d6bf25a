namespace ProfilePortal.Components.Retention;

/// <summary>
/// Tells the circuit's pause banner that a page changed the pause (resumed it) without navigating, so the banner
/// never contradicts the page under it. Scoped: one per circuit.
/// </summary>
public sealed class PauseStateNotifier
{
    public event Func<Task>? Changed;

    public async Task NotifyChangedAsync()
    {
        if (Changed is { } handlers)
        {
            foreach (var handler in handlers.GetInvocationList().Cast<Func<Task>>())
            {
                await handler();
            }
        }
    }
}
