using Microsoft.AspNetCore.Components;
using MudBlazor;
using ProfilePortal.Components.Shared;
using ProfilePortal.Domain.Admin;
using ProfilePortal.Domain.Common;

namespace ProfilePortal.Components.Admin;

/// <summary>
/// <c>/admin/organizations/{id}</c>: one organization with all its members, its subscription and history, payments,
/// quota and grants, and the admin actions on it: extend the quota, refund a payment, move the subscription to
/// another organization. Times in the admin's own time zone.
/// </summary>
public sealed partial class AdminOrganizationPage
{
    private OrganizationDetails? _details;
    private bool _notFound;

    /// <summary>The organization to show.</summary>
    [Parameter]
    public Guid OrganizationId { get; set; }

    [Inject]
    private OrganizationDirectory Directory { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    /// <summary>The address of an organization's admin page, relative to the base.</summary>
    public static string Href(Guid organizationId) => $"admin/organizations/{organizationId}";

    protected override async Task OnParametersSetAsync()
    {
        // Runs after the start-up (the admin is known) and again for each organization the route names.
        if (Ready)
        {
            await LoadAsync();
        }
    }

    private async Task ExtendQuotaAsync()
    {
        if (await QuotaExtensionDialog.ShowAsync(Dialogs, L, AdminId, _details!.Id, _details.Name) is { } extension)
        {
            Snackbar.Add(L["AdminCustomers.QuotaExtended", extension.Launches], Severity.Success);
            await LoadAsync();
        }
    }

    private async Task RefundAsync(CustomerPayment payment)
    {
        if (await RefundDialog.ShowAsync(Dialogs, L, AdminId, payment.Id) is { } receipt)
        {
            Snackbar.Add(L["AdminCustomers.RefundDone", MoneyFormat.Format(receipt.Refunded)], Severity.Success);
            await LoadAsync();
        }
    }

    private async Task MoveSubscriptionAsync()
    {
        if (await SubscriptionMoveDialog.ShowAsync(Dialogs, L, AdminId, _details!.Id, _details.Name, TimeZone) is { } moved)
        {
            Snackbar.Add(L["AdminMove.Done", moved.Move.PlanCode, moved.Move.TargetName], Severity.Success);
            await LoadAsync();
        }
    }

    private async Task LoadAsync()
    {
        Failed = false;
        _notFound = false;
        _details = null;
        try
        {
            var result = await Directory.GetAsync(AdminId, OrganizationId);
            if (result.Succeeded)
            {
                _details = result.Value;
            }
            else if (result.Errors[0].Code == Error.Forbidden().Code)
            {
                Forbidden = true;
            }
            else
            {
                _notFound = true;
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            CustomerLog.LoadFailed(Logger, exception, "an organization");
            Failed = true;
        }
    }
}
