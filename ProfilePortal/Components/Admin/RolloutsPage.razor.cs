using Microsoft.AspNetCore.Components;
using MudBlazor;
using ProfilePortal.Domain.Features;
using ProfilePortal.Domain.Trials;

namespace ProfilePortal.Components.Admin;

/// <summary>
/// <c>/admin/rollouts</c>: the trial rollout's share of new visitors, moved in the seed's steps with a reason and a
/// confirmation; the criteria with their live values; the history of changes. The rules (admins only, the steps,
/// the audit) are the domain's; the page asks and shows.
/// </summary>
public sealed partial class RolloutsPage
{
    private const int ReasonMaxLength = FeatureChange.ReasonMaxLength;

    private PageState _state = PageState.Loading;
    private TrialRolloutView? _rollout;
    private int _target;
    private string _reason = string.Empty;
    private string? _reasonError;
    private bool _busy;

    private enum PageState
    {
        Loading,
        Forbidden,
        Failed,
        Ready,
    }

    [Inject]
    private TrialRollout Rollout { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    /// <summary>The time zone is read with the rollout, so that it follows a retry and its failure fails the load.</summary>
    protected override bool LoadsTimeZone => false;

    protected override Task OnAdminReadyAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        _state = PageState.Loading;
        try
        {
            TimeZone = (await Organizations.GetWorkspaceAsync(AdminId))?.TimeZone;
            var rollout = await Rollout.GetAsync(AdminId);
            if (!rollout.Succeeded)
            {
                _state = PageState.Forbidden;
                return;
            }

            Show(rollout.Value);
            _state = PageState.Ready;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            AdminLog.RolloutsLoadFailed(Logger, exception);
            _state = PageState.Failed;
        }
    }

    private void Show(TrialRolloutView rollout)
    {
        _rollout = rollout;
        _target = rollout.Percentage;
    }

    private async Task ApplyAsync()
    {
        _reasonError = null;
        var from = _rollout!.Percentage;
        var to = _target;
        if (to == from)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(_reason))
        {
            _reasonError = RolloutText.Error(L, TrialRolloutErrors.ReasonRequired);
            return;
        }

        var confirmed = await Dialogs.ShowMessageBoxAsync(
            L["Rollouts.ConfirmTitle", RolloutText.Percent(to)],
            L["Rollouts.ConfirmText", RolloutText.Percent(from), RolloutText.Percent(to), _reason.Trim()],
            yesText: L["Rollouts.ConfirmYes", RolloutText.Percent(to)],
            cancelText: L["Common.Cancel"]);
        if (confirmed != true)
        {
            return;
        }

        _busy = true;
        try
        {
            var result = await Rollout.SetPercentageAsync(AdminId, to, _reason);
            if (result.Succeeded)
            {
                Snackbar.Add(L["Rollouts.Saved", RolloutText.Percent(to)], Severity.Success);
                _reason = string.Empty;
                Show((await Rollout.GetAsync(AdminId)).Value);
            }
            else if (result.Errors[0] is { Field: "reason" } invalid)
            {
                _reasonError = RolloutText.Error(L, invalid);
            }
            else
            {
                Snackbar.Add(RolloutText.Error(L, result.Errors[0]), Severity.Error);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            AdminLog.RolloutChangeFailed(Logger, exception);
            Snackbar.Add(L["Rollouts.ActionFailed"], Severity.Error);
        }
        finally
        {
            _busy = false;
        }
    }
}
