using System.Security.Claims;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MudBlazor;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Domain.Quotas;
using ProfilePortal.Resources;
using ProfilePortal.Tests.Components.Profile;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Components.Admin;

/// <summary>The quota extension and refund screens over the real services and a SQLite database, with a signed-in admin.</summary>
public abstract class AdminQuotaTestContext(ProfileUiServices portal) : ProfileComponentTestContext(portal)
{
    protected IRenderedComponent<MudDialogProvider> Dialogs { get; private set; } = default!;

    protected IDialogService DialogService => Services.GetRequiredService<IDialogService>();

    protected IStringLocalizer<SharedResource> Text => Services.GetRequiredService<IStringLocalizer<SharedResource>>();

    /// <summary>A new admin, signed in for the components.</summary>
    protected async Task<ApplicationUser> SignedInAdminAsync()
    {
        var admin = await Portal.AdminAsync();
        SignIn(admin.Email!, Roles.Admin);
        Authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, admin.Id.ToString()), new Claim(ClaimTypes.Name, admin.Email!));
        return admin;
    }

    protected void RenderProviders()
    {
        Dialogs = Render<MudDialogProvider>();
        Render<MudSnackbarProvider>();
    }

    protected async Task<int> GrantedAsync(Guid organizationId) =>
        (await Portal.Get<QuotaService>().GetFreshSnapshotAsync(organizationId))!.Granted;
}
