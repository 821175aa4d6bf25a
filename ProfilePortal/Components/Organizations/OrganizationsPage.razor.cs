using Microsoft.AspNetCore.Components;
using MudBlazor;
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
    private IReadOnlyList<OrganizationItem> _items = [];

    [Inject]
    private OrganizationService Organizations { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    protected override async Task ReadAsync() => _items = await Organizations.ListAsync(UserId);

    protected override void LogLoadFailed(Exception exception) => OrganizationsLog.LoadFailed(Logger, exception);

    private Task SwitchAsync(OrganizationItem item) =>
        RunAsync(() => Organizations.SwitchAsync(UserId, item.Id), currentChanges: true, L["Organizations.Switched", item.Name]);

    private async Task CreateAsync()
    {
        var parameters = new DialogParameters<OrganizationNameDialog> { { d => d.UserId, UserId } };
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
            { d => d.UserId, UserId },
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
        if (await ConfirmAsync(L["Organizations.LeaveTitle"], L["Organizations.LeaveText", item.Name], L["Organizations.Leave"], L["Common.Cancel"]))
        {
            await RunAsync(() => Organizations.LeaveAsync(UserId, item.Id), item.IsCurrent, L["Organizations.Left", item.Name]);
        }
    }

    private async Task DeleteAsync(OrganizationItem item)
    {
        if (await ConfirmAsync(L["Organizations.DeleteTitle"], L["Organizations.DeleteText", item.Name], L["Organizations.Delete"], L["Common.Cancel"]))
        {
            await RunAsync(() => Organizations.DeleteAsync(UserId, item.Id), item.IsCurrent, L["Organizations.Deleted", item.Name]);
        }
    }

    private async Task RunAsync(Func<Task<Result>> action, bool currentChanges, string done)
    {
        Busy = true;
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
            Busy = false;
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
