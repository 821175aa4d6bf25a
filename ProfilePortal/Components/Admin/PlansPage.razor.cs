using Microsoft.AspNetCore.Components;
using MudBlazor;
using ProfilePortal.Domain.Billing;

namespace ProfilePortal.Components.Admin;

/// <summary>
/// <c>/admin/plans</c>: every plan and quota pack with its price, allowance and whether it is on sale; an edit dialog
/// with validation and a confirmation. The rules and the audit are <see cref="CatalogAdmin"/>'s.
/// </summary>
public sealed partial class PlansPage
{
    private CatalogAdminView? _catalog;

    [Inject]
    private CatalogAdmin Catalog { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    /// <summary>The catalog shows no times.</summary>
    protected override bool LoadsTimeZone => false;

    protected override Task OnAdminReadyAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        Failed = false;
        _catalog = null;
        try
        {
            var result = await Catalog.GetAsync(AdminId);
            Forbidden = !result.Succeeded;
            _catalog = result.Succeeded ? result.Value : null;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            PlansLog.LoadFailed(Logger, exception);
            Failed = true;
        }
    }

    private Task EditPlanAsync(PlanAdminView plan) => EditAsync(plan.Name, new DialogParameters<CatalogEditDialog>
    {
        { d => d.AdminId, AdminId },
        { d => d.Plan, plan },
    });

    private Task EditPackAsync(QuotaPackAdminView pack) => EditAsync(pack.Name, new DialogParameters<CatalogEditDialog>
    {
        { d => d.AdminId, AdminId },
        { d => d.Pack, pack },
    });

    private async Task EditAsync(string name, DialogParameters<CatalogEditDialog> parameters)
    {
        var dialog = await Dialogs.ShowAsync<CatalogEditDialog>(L["AdminPlans.DialogTitle", name], parameters, CatalogEditDialog.Options);
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add(L["AdminPlans.Saved", name], Severity.Success);
            await LoadAsync();
        }
    }
}
