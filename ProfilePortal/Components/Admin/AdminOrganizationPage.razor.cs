using Microsoft.AspNetCore.Components;
using ProfilePortal.Domain.Admin;

namespace ProfilePortal.Components.Admin;

/// <summary>
/// <c>/admin/organizations/{id}</c>: one organization with all its members, its subscription and history, payments,
/// quota and grants, and the admin actions on it: extend the quota, refund a payment, move the subscription to
/// another organization. Times in the admin's own time zone.
/// </summary>
public sealed partial class AdminOrganizationPage
{
    private OrganizationDetails? _details;

    /// <summary>The organization to show.</summary>
    [Parameter]
    public Guid OrganizationId { get; set; }

    [Inject]
    private OrganizationDirectory Directory { get; set; } = default!;

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

    private async Task LoadAsync()
    {
        _details = null; // the loading state shows while it reads (again, after an action)
        _details = await ReadAsync(() => Directory.GetAsync(AdminId, OrganizationId), "an organization");
    }
}
