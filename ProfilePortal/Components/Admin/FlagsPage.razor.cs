using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using ProfilePortal.Components.Shared;
using ProfilePortal.Domain.Features;
using ProfilePortal.Domain.Organizations;

namespace ProfilePortal.Components.Admin;

/// <summary>
/// <c>/admin/flags</c>: every feature flag with its configured default, the admin's override and the state in force;
/// a change in a dialog (reason required, then a confirmation); the history of every flag. The trial rollout links
/// to its own page. The rules and the audit are <see cref="FeatureFlagAdmin"/>'s.
/// </summary>
public sealed partial class FlagsPage
{
    private IReadOnlyList<FeatureFlagView>? _flags;
    private IReadOnlyList<FeatureChangeView> _history = [];
    private Guid _userId;
    private string? _timeZone;
    private bool _failed;
    private bool _forbidden;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject]
    private FeatureFlagAdmin Flags { get; set; } = default!;

    [Inject]
    private OrganizationAccess Organizations { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private ILogger<FlagsPage> Logger { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        if (!RendererInfo.IsInteractive)
        {
            return;
        }

        _userId = await SignedInUser.IdAsync(AuthenticationState);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _failed = false;
        _flags = null;
        try
        {
            _timeZone = (await Organizations.GetWorkspaceAsync(_userId))?.TimeZone;
            var flags = await Flags.GetFlagsAsync(_userId);
            var history = await Flags.GetHistoryAsync(_userId);
            _forbidden = !flags.Succeeded || !history.Succeeded;
            if (!_forbidden)
            {
                _history = history.Value;
                _flags = flags.Value;
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            FlagsLog.LoadFailed(Logger, exception);
            _failed = true;
        }
    }

    private async Task ChangeAsync(FeatureFlagView flag)
    {
        var parameters = new DialogParameters<FlagChangeDialog>
        {
            { d => d.AdminId, _userId },
            { d => d.Flag, flag },
        };
        var dialog = await Dialogs.ShowAsync<FlagChangeDialog>(L["AdminFlags.DialogTitle", flag.Name], parameters, FlagChangeDialog.Options);
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add(L["AdminFlags.Saved", flag.Name], Severity.Success);
            await LoadAsync();
        }
    }
}
