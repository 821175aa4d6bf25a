using Microsoft.AspNetCore.Components;
using MudBlazor;
using ProfilePortal.Components.Shared;
using ProfilePortal.Domain.Admin;
using ProfilePortal.Domain.Common;

namespace ProfilePortal.Components.Admin;

/// <summary>
/// <c>/admin/customers/{id}</c>: one customer's profile, organizations (members, subscription and its history,
/// payments, quota and grants), activity, emails and fraud signals, read-only. Times in the admin's own time zone.
/// </summary>
public sealed partial class CustomerPage
{
    private CustomerDetails? _details;
    private bool _notFound;

    /// <summary>The customer to show.</summary>
    [Parameter]
    public Guid UserId { get; set; }

    [Inject]
    private CustomerDirectory Directory { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    /// <summary>The address of a customer's page, relative to the base.</summary>
    public static string Href(Guid userId) => $"admin/customers/{userId}";

    protected override async Task OnParametersSetAsync()
    {
        // Runs after the start-up (the admin is known) and again for each customer the route names.
        if (Ready)
        {
            await LoadAsync();
        }
    }

    private async Task ExtendQuotaAsync(CustomerOrganization organization)
    {
        var label = $"{_details!.Profile.Email} · {organization.Name}";
        if (await QuotaExtensionDialog.ShowAsync(Dialogs, L, AdminId, organization.Id, label) is { } extension)
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

    private async Task MoveSubscriptionAsync(CustomerOrganization organization)
    {
        if (await SubscriptionMoveDialog.ShowAsync(Dialogs, L, AdminId, organization.Id, organization.Name, TimeZone) is { } moved)
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
            var result = await Directory.GetCustomerAsync(AdminId, UserId);
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
            CustomerLog.LoadFailed(Logger, exception, "a customer");
            Failed = true;
        }
    }
}
