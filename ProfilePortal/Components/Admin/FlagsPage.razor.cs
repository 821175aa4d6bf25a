using Microsoft.AspNetCore.Components;
using MudBlazor;
using ProfilePortal.Domain.Features;

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

    [Inject]
    private FeatureFlagAdmin Flags { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    /// <summary>The time zone is read with the flags, so that it follows a retry and its failure fails the load.</summary>
    protected override bool LoadsTimeZone => false;

    protected override Task OnAdminReadyAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        Failed = false;
        _flags = null;
        try
        {
            TimeZone = (await Organizations.GetWorkspaceAsync(AdminId))?.TimeZone;
            var flags = await Flags.GetFlagsAsync(AdminId);
            var history = await Flags.GetHistoryAsync(AdminId);
            Forbidden = !flags.Succeeded || !history.Succeeded;
            if (!Forbidden)
            {
                _history = history.Value;
                _flags = flags.Value;
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            FlagsLog.LoadFailed(Logger, exception);
            Failed = true;
        }
    }

    private async Task ChangeAsync(FeatureFlagView flag)
    {
        var parameters = new DialogParameters<FlagChangeDialog>
        {
            { d => d.AdminId, AdminId },
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
