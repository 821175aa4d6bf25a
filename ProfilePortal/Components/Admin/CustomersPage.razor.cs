using Microsoft.AspNetCore.Components;
using MudBlazor;
using ProfilePortal.Domain.Admin;

namespace ProfilePortal.Components.Admin;

/// <summary>
/// <c>/admin/customers</c>: the customer list, searched, sorted and paged on the server. The search box waits for a
/// pause in typing and starts again from the first page; a row opens the customer page.
/// </summary>
public sealed partial class CustomersPage
{
    private static readonly int[] PageSizes = [10, 20, 50, 100];

    private MudDataGrid<CustomerRow>? _grid;
    private string? _search;

    [Inject]
    private CustomerDirectory Directory { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    private async Task<GridData<CustomerRow>> LoadAsync(GridState<CustomerRow> state, CancellationToken cancellationToken)
    {
        var sort = state.SortDefinitions.FirstOrDefault();
        var query = new CustomerQuery(_search, SortOf(sort?.SortBy), sort?.Descending ?? false, state.Page, state.PageSize);
        try
        {
            var page = await Directory.SearchAsync(AdminId, query, cancellationToken);
            Failed = false;
            if (!page.Succeeded)
            {
                Forbidden = true;
                StateHasChanged();
                return new GridData<CustomerRow> { Items = [], TotalItems = 0 };
            }

            return new GridData<CustomerRow> { Items = page.Value.Items, TotalItems = page.Value.Total };
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            CustomerLog.LoadFailed(Logger, exception, "customers");
            Failed = true;
            return new GridData<CustomerRow> { Items = [], TotalItems = 0 };
        }
    }

    private static CustomerSort SortOf(string? column) => column switch
    {
        nameof(CustomerRow.LastName) => CustomerSort.Name,
        nameof(CustomerRow.Company) => CustomerSort.Company,
        nameof(CustomerRow.CreatedAt) => CustomerSort.Created,
        _ => CustomerSort.Email,
    };

    private Task SearchAsync(string? text)
    {
        _search = text;
        return ServerGrid.RestartAsync(_grid);
    }

    private Task ReloadAsync() => _grid?.ReloadServerData() ?? Task.CompletedTask;

    private void Open(DataGridRowClickEventArgs<CustomerRow> click) => Navigation.NavigateTo(CustomerPage.Href(click.Item.UserId));
}
