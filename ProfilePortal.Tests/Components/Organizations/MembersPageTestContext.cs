using System.Security.Claims;
using Bunit;
using MudBlazor;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Domain.Organizations;
using ProfilePortal.Tests.Components.Profile;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Components.Organizations;

/// <summary>An organization with an owner, an admin and a member.</summary>
public sealed record MembersPageTeam(Guid OrganizationId, ApplicationUser Owner, ApplicationUser Admin, ApplicationUser Member);

/// <summary>The members and invitation pages over the real services and a SQLite database.</summary>
public abstract class MembersPageTestContext(ProfileUiServices portal) : ProfileComponentTestContext(portal)
{
    protected IRenderedComponent<MudDialogProvider> Dialogs { get; private set; } = default!;

    protected IRenderedComponent<MudSnackbarProvider> Snackbars { get; private set; } = default!;

    protected async Task<MembersPageTeam> TeamAsync()
    {
        var owner = await Portal.ConfirmedUserAsync(Builders.UniqueEmail("owner"));
        var admin = await Portal.ConfirmedUserAsync(Builders.UniqueEmail("admin"));
        var member = await Portal.ConfirmedUserAsync(Builders.UniqueEmail("member"));
        var organizationId = await Portal.PersonalOrganizationAsync(owner.Id);
        await Portal.JoinAsync(organizationId, admin.Id, OrganizationRole.Admin);
        await Portal.JoinAsync(organizationId, member.Id, OrganizationRole.Member);
        return new MembersPageTeam(organizationId, owner, admin, member);
    }

    protected void SignInAs(ApplicationUser user)
    {
        SignIn(user.Email!);
        Authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()), new Claim(ClaimTypes.Name, user.Email!));
    }

    /// <summary>Renders the dialog and snackbar providers, then <typeparamref name="TPage"/>, and waits until it has loaded.</summary>
    protected IRenderedComponent<TPage> RenderPage<TPage>(Action<ComponentParameterCollectionBuilder<TPage>> parameters, string loading)
        where TPage : Microsoft.AspNetCore.Components.IComponent
    {
        Dialogs = Render<MudDialogProvider>();
        Snackbars = Render<MudSnackbarProvider>();
        var page = Render(parameters);
        page.WaitForAssertion(() => Assert.Empty(page.FindAll($"[data-testid={loading}]")));
        return page;
    }
}
