using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using ProfilePortal.Components.Shared;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Organizations;

namespace ProfilePortal.Components.Organizations;

/// <summary>
/// <c>/organizations/{id}/members</c>: the organization's members and their roles for every member; for owners and
/// admins also the pending invitations and the controls (invite, change a role, remove, revoke), for owners the
/// ownership transfer. What a viewer may not do is not offered, and the service refuses it anyway. Every action
/// reloads the page's data, so what is shown is what is stored.
/// </summary>
public sealed partial class MembersPage
{
    private PageState _state = PageState.Loading;
    private Guid _userId;
    private string? _timeZone;
    private MembersView? _view;
    private bool _busy;

    private enum PageState
    {
        Loading,
        Forbidden,
        Failed,
        Ready,
    }

    /// <summary>The organization from the address.</summary>
    [Parameter]
    public Guid OrganizationId { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject]
    private MembersService Members { get; set; } = default!;

    [Inject]
    private InvitationService Invitations { get; set; } = default!;

    [Inject]
    private OrganizationAccess Organizations { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private ILogger<MembersPage> Logger { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        if (!RendererInfo.IsInteractive)
        {
            return;
        }

        _userId = await SignedInUser.IdAsync(AuthenticationState);
        _timeZone = (await Organizations.GetWorkspaceAsync(_userId))?.TimeZone;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _state = PageState.Loading;
        try
        {
            var loaded = await Members.GetAsync(_userId, OrganizationId);
            _view = loaded.Succeeded ? loaded.Value : null;
            _state = loaded.Succeeded ? PageState.Ready : PageState.Forbidden;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            MembersLog.LoadFailed(Logger, exception);
            _state = PageState.Failed;
        }
    }

    private async Task InviteAsync()
    {
        if (await MembersInviteDialog.ShowAsync(Dialogs, L, _userId, OrganizationId) is { } invited)
        {
            Snackbar.Add(L["Members.Invited", invited.Email], Severity.Success);
            await LoadAsync();
        }
    }

    private async Task ChangeRoleAsync(MemberRow member)
    {
        if (await MembersRoleDialog.ShowAsync(Dialogs, L, _userId, OrganizationId, member, _view!.AssignableRoles) is { } role)
        {
            Snackbar.Add(L["Members.RoleChanged", member.DisplayName, MembersText.Role(L, role)], Severity.Success);
            await LoadAsync();
        }
    }

    private Task RemoveAsync(MemberRow member) => ConfirmAndRunAsync(
        L["Members.RemoveTitle"], L["Members.RemoveText", member.DisplayName, _view!.OrganizationName], L["Members.Remove"],
        () => Members.RemoveAsync(_userId, OrganizationId, member.UserId), L["Members.Removed", member.DisplayName]);

    private Task TransferAsync(MemberRow member) => ConfirmAndRunAsync(
        L["Members.TransferTitle"], L["Members.TransferText", member.DisplayName, _view!.OrganizationName], L["Members.Transfer"],
        () => Members.TransferOwnershipAsync(_userId, OrganizationId, member.UserId), L["Members.Transferred", member.DisplayName]);

    private Task RevokeAsync(PendingInvitation invitation) => ConfirmAndRunAsync(
        L["Members.RevokeTitle"], L["Members.RevokeText", invitation.Email], L["Members.Revoke"],
        () => Invitations.RevokeAsync(_userId, OrganizationId, invitation.Id), L["Members.Revoked", invitation.Email]);

    private async Task ConfirmAndRunAsync(string title, string text, string yes, Func<Task<Result>> action, string done)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(title, text, yesText: yes, cancelText: L["Common.Cancel"]);
        if (confirmed != true)
        {
            return;
        }

        _busy = true;
        try
        {
            var result = await action();
            Snackbar.Add(result.Succeeded ? done : MembersText.Error(L, result.Errors[0]), result.Succeeded ? Severity.Success : Severity.Error);
            await LoadAsync();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            MembersLog.ActionFailed(Logger, exception);
            Snackbar.Add(L["Members.ActionFailed"], Severity.Error);
        }
        finally
        {
            _busy = false;
        }
    }
}
