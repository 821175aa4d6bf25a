using System.Security.Claims;
using Bunit;
using MudBlazor;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Tests.Components.Profile;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Components.Admin;

/// <summary>The outbox and jobs pages over the real services and a SQLite database.</summary>
public abstract class AdminOpsTestContext(ProfileUiServices portal) : ProfileComponentTestContext(portal)
{
    protected IRenderedComponent<MudDialogProvider> Dialogs { get; private set; } = default!;

    protected IRenderedComponent<MudSnackbarProvider> Snackbars { get; private set; } = default!;

    /// <summary>A new admin, signed in for the components.</summary>
    protected async Task<ApplicationUser> SignedInAdminAsync()
    {
        var admin = await Portal.AdminAsync();
        SignIn(admin.Email!, Roles.Admin);
        Authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, admin.Id.ToString()), new Claim(ClaimTypes.Name, admin.Email!));
        return admin;
    }

    /// <summary>Renders the providers the pages' dialogs and messages need, then the page.</summary>
    protected IRenderedComponent<TPage> RenderWithProviders<TPage>()
        where TPage : Microsoft.AspNetCore.Components.IComponent
    {
        Dialogs = Render<MudDialogProvider>();
        Snackbars = Render<MudSnackbarProvider>();
        return Render<TPage>();
    }
}
