using System.Net;

namespace ProfilePortal.CircuitLoad;

/// <summary>
/// A customer on <c>/profile</c> through a <see cref="BlazorCircuit"/>: the page loaded with its interactive islands
/// (the page itself is rendered by the server; the circuit holds "Edit", "Buy" and "Show more"), then "Edit" opens
/// the profile's edit drawer and its close button dismisses it, each click waited for until the page shows it.
/// </summary>
public sealed class ProfileVisit : IAsyncDisposable
{
    /// <summary>The "Edit" button of the profile card.</summary>
    public const string EditButton = "profile-edit";

    /// <summary>The edit drawer's dialog.</summary>
    public const string EditDialog = "profile-edit-dialog";

    /// <summary>The drawer's close button.</summary>
    public const string CloseButton = "profile-edit-close";

    /// <summary>The drawer's (read-only) email field.</summary>
    public const string EmailField = "edit-email";

    private readonly TimeSpan _timeout;

    private ProfileVisit(BlazorCircuit circuit, TimeSpan timeout)
    {
        Circuit = circuit;
        _timeout = timeout;
    }

    /// <summary>The circuit behind the page.</summary>
    public BlazorCircuit Circuit { get; }

    /// <summary>The email the open drawer shows (its field's value); none while it is closed.</summary>
    public string? EmailInEditor => Circuit.Read(page => page.ByTestId(EmailField)?.Attributes.GetValueOrDefault("value"));

    /// <summary>Whether the edit drawer is open.</summary>
    public bool EditorOpen => Circuit.Read(page => page.ByTestId(EditDialog) is not null);

    /// <summary>Opens <c>/profile</c> with the signed-in visitor's cookies and waits until "Edit" is interactive.</summary>
    public static async Task<ProfileVisit> OpenAsync(Uri baseAddress, CookieContainer cookies, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var circuit = new BlazorCircuit(baseAddress, cookies);
        try
        {
            await circuit.StartAsync("profile", cancellationToken);
            await circuit.WaitForTestIdAsync(EditButton, timeout, cancellationToken);
            return new ProfileVisit(circuit, timeout);
        }
        catch
        {
            await circuit.DisposeAsync();
            throw;
        }
    }

    /// <summary>Clicks "Edit" and waits for the drawer; returns the click's time to its first render batch.</summary>
    public async Task<TimeSpan> OpenEditorAsync(CancellationToken cancellationToken)
    {
        var latency = await Circuit.ClickAsync(EditButton, _timeout, cancellationToken);
        await Circuit.WaitForTestIdAsync(EditDialog, _timeout, cancellationToken);
        return latency;
    }

    /// <summary>Clicks the drawer's close button and waits until it is gone; returns the click's time to its first render batch.</summary>
    public async Task<TimeSpan> CloseEditorAsync(CancellationToken cancellationToken)
    {
        var latency = await Circuit.ClickAsync(CloseButton, _timeout, cancellationToken);
        await Circuit.WaitForNoTestIdAsync(EditDialog, _timeout, cancellationToken);
        return latency;
    }

    /// <summary>Opens the editor if it is closed, closes it if it is open: the load's one click.</summary>
    public Task<TimeSpan> ToggleEditorAsync(CancellationToken cancellationToken) =>
        EditorOpen ? CloseEditorAsync(cancellationToken) : OpenEditorAsync(cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Circuit.DisposeAsync();
}
