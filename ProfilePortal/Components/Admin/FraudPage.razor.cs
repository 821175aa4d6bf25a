using Microsoft.AspNetCore.Components;
using MudBlazor;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Fraud;

namespace ProfilePortal.Components.Admin;

/// <summary>
/// <c>/admin/fraud</c>: the fraud review queue (signals, open first, paged on the server) and the blocks in force.
/// Dismissing and blocking happen in dialogs; every action reloads both lists so what is shown is what is stored.
/// Times are shown in the admin's own time zone.
/// </summary>
public sealed partial class FraudPage
{
    private const int AccountsShown = 3;
    private static readonly int[] PageSizes = [10, 20, 50];

    private MudTable<FraudSignalView>? _signalTable;
    private MudTable<FraudBlockView>? _blockTable;
    private bool _signalsFailed;
    private bool _blocksFailed;
    private bool _busy;

    [Inject]
    private FraudReviewService Review { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    private string PagerInfo => L["Fraud.PagerInfo"];

    private Dictionary<string, object> Labelled(string key) => new() { ["aria-label"] = L[key].Value };

    private Task<TableData<FraudSignalView>> LoadSignalsAsync(TableState state, CancellationToken cancellationToken) =>
        LoadAsync(() => Review.GetSignalsAsync(AdminId, state.Page, state.PageSize, cancellationToken), failed => _signalsFailed = failed, "signals");

    private Task<TableData<FraudBlockView>> LoadBlocksAsync(TableState state, CancellationToken cancellationToken) =>
        LoadAsync(() => Review.GetBlocksAsync(AdminId, state.Page, state.PageSize, cancellationToken), failed => _blocksFailed = failed, "blocks");

    private async Task<TableData<T>> LoadAsync<T>(Func<Task<Result<FraudPage<T>>>> load, Action<bool> failed, string list)
    {
        try
        {
            var page = await load();
            failed(false);
            if (!page.Succeeded)
            {
                Forbidden = true;
                StateHasChanged();
                return new TableData<T> { Items = [], TotalItems = 0 };
            }

            return new TableData<T> { Items = page.Value.Items, TotalItems = page.Value.Total };
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            FraudLog.LoadFailed(Logger, exception, list);
            failed(true);
            return new TableData<T> { Items = [], TotalItems = 0 };
        }
    }

    private async Task ReloadAsync()
    {
        if (_signalTable is not null)
        {
            await _signalTable.ReloadServerData();
        }

        if (_blockTable is not null)
        {
            await _blockTable.ReloadServerData();
        }
    }

    private async Task DismissAsync(FraudSignalView signal)
    {
        var parameters = new DialogParameters<FraudDismissDialog>
        {
            { d => d.AdminId, AdminId },
            { d => d.Signal, signal },
        };
        var dialog = await Dialogs.ShowAsync<FraudDismissDialog>(L["Fraud.DismissTitle", FraudText.Key(L, signal)], parameters, FraudDismissDialog.Options);
        await AfterDialogAsync(dialog, _ => L["Fraud.Dismissed"]);
    }

    private async Task BlockAsync(FraudSignalView signal)
    {
        var parameters = new DialogParameters<FraudBlockDialog>
        {
            { d => d.AdminId, AdminId },
            { d => d.Signal, signal },
        };
        var dialog = await Dialogs.ShowAsync<FraudBlockDialog>(L["Fraud.BlockTitle", FraudText.Key(L, signal)], parameters, FraudBlockDialog.Options);
        await AfterDialogAsync(dialog, data => L["Fraud.BlocksAdded", data is int added ? added : 0]);
    }

    private async Task AfterDialogAsync(IDialogReference dialog, Func<object?, string> success)
    {
        if (await dialog.Result is { Canceled: false } result)
        {
            Snackbar.Add(success(result.Data), Severity.Success);
            await ReloadAsync();
        }
    }

    private async Task UnblockAsync(FraudBlockView block)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            L["Fraud.UnblockTitle"],
            L["Fraud.UnblockText", FraudText.BlockKind(L, block.Kind), block.Label ?? block.Value],
            yesText: L["Fraud.Unblock"],
            cancelText: L["Common.Cancel"]);
        if (confirmed != true)
        {
            return;
        }

        _busy = true;
        try
        {
            var result = await Review.UnblockAsync(AdminId, block.Id);
            if (result.Succeeded)
            {
                Snackbar.Add(L["Fraud.Unblocked"], Severity.Success);
            }
            else
            {
                Snackbar.Add(FraudText.Error(L, result.Errors[0]), Severity.Error);
            }

            await ReloadAsync();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            FraudLog.ActionFailed(Logger, exception);
            Snackbar.Add(L["Fraud.ActionFailed"], Severity.Error);
        }
        finally
        {
            _busy = false;
        }
    }
}
