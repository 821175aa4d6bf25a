using Microsoft.AspNetCore.Components;
using ProfilePortal.Domain.Admin;

namespace ProfilePortal.Components.Admin;

/// <summary>
/// <c>/admin/customers/{id}</c>: one customer's profile, organizations (members, subscription and its history,
/// payments, quota and grants, with the actions of <see cref="CustomerOrganizationSection"/>), activity, emails and fraud
/// signals. Times in the admin's own time zone.
/// </summary>
public sealed partial class CustomerPage
{
    private CustomerDetails? _details;

    /// <summary>The customer to show.</summary>
    [Parameter]
    public Guid UserId { get; set; }

    [Inject]
    private CustomerDirectory Directory { get; set; } = default!;

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

    private async Task LoadAsync()
    {
        _details = null; // the loading state shows while it reads (again, after an action)
        _details = await ReadAsync(() => Directory.GetCustomerAsync(AdminId, UserId), "a customer");
    }
}
