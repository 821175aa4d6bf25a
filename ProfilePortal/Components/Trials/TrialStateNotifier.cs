namespace ProfilePortal.Components.Trials;

/// <summary>
/// Tells the circuit's trial banner that a page changed the trial (started or cancelled it) without navigating,
/// so the banner never contradicts the page under it. Scoped: one per circuit.
/// </summary>
public sealed class TrialStateNotifier
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
