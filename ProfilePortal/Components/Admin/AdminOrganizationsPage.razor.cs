using Microsoft.AspNetCore.Components;
using MudBlazor;
using ProfilePortal.Domain.Admin;

namespace ProfilePortal.Components.Admin;

/// <summary>
/// <c>/admin/organizations</c>: the organizations with their first members, searched by name or by a member and paged
/// on the server, in name order. The search box waits for a pause in typing and starts again from the first page; a
/// row opens the organization's page.
/// </summary>
public sealed partial class AdminOrganizationsPage
{
    private static readonly int[] PageSizes = [10, 20, 50, 100];

    private MudDataGrid<OrganizationRow>? _grid;
    private string? _search;

    [Inject]
    private OrganizationDirectory Directory { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    private async Task<GridData<OrganizationRow>> LoadAsync(GridState<OrganizationRow> state, CancellationToken cancellationToken)
    {
        try
        {
            var page = await Directory.SearchAsync(AdminId, new OrganizationQuery(_search, state.Page, state.PageSize), cancellationToken);
            Failed = false;
            if (!page.Succeeded)
            {
                Forbidden = true;
                StateHasChanged();
                return new GridData<OrganizationRow> { Items = [], TotalItems = 0 };
            }

            return new GridData<OrganizationRow> { Items = page.Value.Items, TotalItems = page.Value.Total };
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            CustomerLog.LoadFailed(Logger, exception, "organizations");
            Failed = true;
            return new GridData<OrganizationRow> { Items = [], TotalItems = 0 };
        }
    }

    private Task SearchAsync(string? text)
    {
        _search = text;
        return ServerGrid.RestartAsync(_grid);
    }

    private Task ReloadAsync() => _grid?.ReloadServerData() ?? Task.CompletedTask;

    private void Open(DataGridRowClickEventArgs<OrganizationRow> click) => Navigation.NavigateTo(AdminOrganizationPage.Href(click.Item.Id));
}
