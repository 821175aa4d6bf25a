using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using ProfilePortal.Components.Shared;
using ProfilePortal.Domain.Admin;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Organizations;

namespace ProfilePortal.Components.Admin;

/// <summary>
/// <c>/admin/customers/{id}</c>: one customer's profile, organizations (members, subscription and its history,
/// payments, quota and grants), activity, emails and fraud signals, read-only. Times in the admin's own time zone.
/// </summary>
public sealed partial class CustomerPage
{
    private CustomerDetails? _details;
    private Guid _adminId;
    private string? _timeZone;
    private bool _forbidden;
    private bool _notFound;
    private bool _failed;

    /// <summary>The customer to show.</summary>
    [Parameter]
    public Guid UserId { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject]
    private CustomerDirectory Directory { get; set; } = default!;

    [Inject]
    private OrganizationAccess Organizations { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [Inject]
    private ILogger<CustomerPage> Logger { get; set; } = default!;

    /// <summary>The address of a customer's page, relative to the base.</summary>
    public static string Href(Guid userId) => $"admin/customers/{userId}";

    protected override async Task OnParametersSetAsync()
    {
        if (!RendererInfo.IsInteractive)
        {
            return;
        }

        _adminId = await SignedInUser.IdAsync(AuthenticationState);
        _timeZone = await AdminTimeZone.LoadAsync(Organizations, _adminId, Logger);

        await LoadAsync();
    }

    private async Task ExtendQuotaAsync(CustomerOrganization organization)
    {
        var label = $"{_details!.Profile.Email} · {organization.Name}";
        if (await QuotaExtensionDialog.ShowAsync(Dialogs, L, _adminId, organization.Id, label) is { } extension)
        {
            Snackbar.Add(L["AdminCustomers.QuotaExtended", extension.Launches], Severity.Success);
            await LoadAsync();
        }
    }

    private async Task RefundAsync(CustomerPayment payment)
    {
        if (await RefundDialog.ShowAsync(Dialogs, L, _adminId, payment.Id) is { } receipt)
        {
            Snackbar.Add(L["AdminCustomers.RefundDone", MoneyFormat.Format(receipt.Refunded)], Severity.Success);
            await LoadAsync();
        }
    }

    private async Task LoadAsync()
    {
        _failed = false;
        _notFound = false;
        _details = null;
        try
        {
            var result = await Directory.GetCustomerAsync(_adminId, UserId);
            if (result.Succeeded)
            {
                _details = result.Value;
            }
            else if (result.Errors[0].Code == Error.Forbidden().Code)
            {
                _forbidden = true;
            }
            else
            {
                _notFound = true;
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            CustomerLog.LoadFailed(Logger, exception, "a customer");
            _failed = true;
        }
    }
}
