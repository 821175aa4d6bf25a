using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using ProfilePortal.Components.Shared;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Organizations;

namespace ProfilePortal.Components.Organizations;

/// <summary>
/// <c>/organizations</c>: the user's organizations with their role; switch the current one, create, rename, leave,
/// delete. Every rule is the service's; the page shows its refusals. When the current organization changes (or is
/// renamed) the whole page reloads, so the app bar, the banners and every page read the new one.
/// </summary>
public sealed partial class OrganizationsPage
{
    private PageState _state = PageState.Loading;
    private Guid _userId;
    private IReadOnlyList<OrganizationItem> _items = [];
    private bool _busy;

    private enum PageState
    {
        Loading,
        Failed,
        Ready,
    }

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject]
    private OrganizationService Organizations { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private ILogger<OrganizationsPage> Logger { get; set; } = default!;

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
        _state = PageState.Loading;
        try
        {
            _items = await Organizations.ListAsync(_userId);
            _state = PageState.Ready;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            OrganizationsLog.LoadFailed(Logger, exception);
            _state = PageState.Failed;
        }
    }

    private Task SwitchAsync(OrganizationItem item) =>
        RunAsync(() => Organizations.SwitchAsync(_userId, item.Id), currentChanges: true, L["Organizations.Switched", item.Name]);

    private async Task CreateAsync()
    {
        var parameters = new DialogParameters<OrganizationNameDialog> { { d => d.UserId, _userId } };
        var dialog = await Dialogs.ShowAsync<OrganizationNameDialog>(L["Organizations.CreateTitle"], parameters, OrganizationNameDialog.Options);
        if (await dialog.Result is { Canceled: false })
        {
            // The new organization is the current one now.
            Reload();
        }
    }

    private async Task RenameAsync(OrganizationItem item)
    {
        var parameters = new DialogParameters<OrganizationNameDialog>
        {
            { d => d.UserId, _userId },
            { d => d.Organization, item },
        };
        var dialog = await Dialogs.ShowAsync<OrganizationNameDialog>(L["Organizations.RenameTitle"], parameters, OrganizationNameDialog.Options);
        if (await dialog.Result is { Canceled: false })
        {
            await AfterChangeAsync(item.IsCurrent, L["Organizations.Renamed"]);
        }
    }

    private async Task LeaveAsync(OrganizationItem item)
    {
        if (await ConfirmAsync(L["Organizations.LeaveTitle"], L["Organizations.LeaveText", item.Name], L["Organizations.Leave"]))
        {
            await RunAsync(() => Organizations.LeaveAsync(_userId, item.Id), item.IsCurrent, L["Organizations.Left", item.Name]);
        }
    }

    private async Task DeleteAsync(OrganizationItem item)
    {
        if (await ConfirmAsync(L["Organizations.DeleteTitle"], L["Organizations.DeleteText", item.Name], L["Organizations.Delete"]))
        {
            await RunAsync(() => Organizations.DeleteAsync(_userId, item.Id), item.IsCurrent, L["Organizations.Deleted", item.Name]);
        }
    }

    private async Task<bool> ConfirmAsync(string title, string text, string yes) =>
        await Dialogs.ShowMessageBoxAsync(title, text, yesText: yes, cancelText: L["Common.Cancel"]) == true;

    private async Task RunAsync(Func<Task<Result>> action, bool currentChanges, string done)
    {
        _busy = true;
        try
        {
            var result = await action();
            if (result.Succeeded)
            {
                await AfterChangeAsync(currentChanges, done);
                return;
            }

            Snackbar.Add(OrganizationText.Error(L, result.Errors[0]), Severity.Error);
            await LoadAsync();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            OrganizationsLog.ActionFailed(Logger, exception);
            Snackbar.Add(L["Organizations.ActionFailed"], Severity.Error);
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task AfterChangeAsync(bool currentChanges, string done)
    {
        if (currentChanges)
        {
            Reload();
            return;
        }

        Snackbar.Add(done, Severity.Success);
        await LoadAsync();
    }

    // A full load: the layout's banners and the app bar's switcher read the current organization once per circuit.
    private void Reload() => Navigation.NavigateTo(Navigation.Uri, forceLoad: true);
}
