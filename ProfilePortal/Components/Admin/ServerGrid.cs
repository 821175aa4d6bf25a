using MudBlazor;

namespace ProfilePortal.Components.Admin;

/// <summary>What the admin lists paged on the server do alike.</summary>
internal static class ServerGrid
{
    /// <summary>A new search starts on the first page: moving there reloads, and on the first page a reload does.</summary>
    public static async Task RestartAsync<T>(MudDataGrid<T>? grid)
    {
        if (grid is null)
        {
            return;
        }

        if (grid.CurrentPage != 0)
        {
            grid.NavigateTo(Page.First);
        }
        else
        {
            await grid.ReloadServerData();
        }
    }
}
