using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using ProfilePortal.Components.Shared;

namespace ProfilePortal.Components.Organizations;

/// <summary>
/// The start-up the organization pages share: nothing on the static prerender; in the interactive circuit the
/// signed-in user's id, then <see cref="OnUserKnownAsync"/> and the first <see cref="LoadAsync"/>, again whenever the
/// address's parameters change. <see cref="Loading"/> and <see cref="Failed"/> are the pages' common states; what a
/// load found (a list, or the service's refusal) is the page's own.
/// </summary>
/// <remarks>
/// Modelled on <c>AdminPageBase</c> and a base class for the same reason: the pages need the user's id in C# (dialogs,
/// actions), and their refusal states differ and sit in different places of their markup.
/// </remarks>
public abstract class OrganizationPageBase : ComponentBase
{
    private ILogger? _logger;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject]
    private ILoggerFactory LoggerFactory { get; set; } = default!;

    [Inject]
    protected IDialogService Dialogs { get; private set; } = default!;

    [Inject]
    protected ISnackbar Snackbar { get; private set; } = default!;

    /// <summary>The page's logger, in the page's own category.</summary>
    protected ILogger Logger => _logger ??= LoggerFactory.CreateLogger(GetType());

    /// <summary>The signed-in user who acts; <see cref="Guid.Empty"/> until the circuit has started.</summary>
    protected Guid UserId { get; private set; }

    /// <summary>Whether the page waits for its data (also on the prerender, which loads nothing).</summary>
    protected bool Loading { get; private set; } = true;

    /// <summary>Whether the last load failed unexpectedly (the page offers a retry).</summary>
    protected bool Failed { get; private set; }

    /// <summary>Whether an action runs: the page disables its buttons meanwhile.</summary>
    protected bool Busy { get; set; }

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync()
    {
        if (!RendererInfo.IsInteractive)
        {
            return;
        }

        UserId = await SignedInUser.IdAsync(AuthenticationState);
        await OnUserKnownAsync();
        await LoadAsync();
    }

    /// <summary>What the page reads once per start besides its data (the user's time zone, say).</summary>
    protected virtual Task OnUserKnownAsync() => Task.CompletedTask;

    /// <summary>Reads the page's data and keeps what it found; a refusal is a value, an exception a failed load.</summary>
    protected abstract Task ReadAsync();

    /// <summary>Logs a failed load in the page's own words.</summary>
    protected abstract void LogLoadFailed(Exception exception);

    /// <summary>(Re)loads the page: <see cref="Loading"/> meanwhile, <see cref="Failed"/> when the read throws.</summary>
    protected async Task LoadAsync()
    {
        Loading = true;
        Failed = false;
        try
        {
            await ReadAsync();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogLoadFailed(exception);
            Failed = true;
        }
        finally
        {
            Loading = false;
        }
    }

    /// <summary>Asks before a destructive action; true only for an explicit yes.</summary>
    protected async Task<bool> ConfirmAsync(string title, string text, string yes, string cancel) =>
        await Dialogs.ShowMessageBoxAsync(title, text, yesText: yes, cancelText: cancel) == true;
}
