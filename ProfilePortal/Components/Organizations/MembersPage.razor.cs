using Microsoft.AspNetCore.Components;
using MudBlazor;
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
    private string? _timeZone;
    private MembersView? _view;

    /// <summary>The organization from the address.</summary>
    [Parameter]
    public Guid OrganizationId { get; set; }

    [Inject]
    private MembersService Members { get; set; } = default!;

    [Inject]
    private InvitationService Invitations { get; set; } = default!;

    [Inject]
    private OrganizationAccess Organizations { get; set; } = default!;

    protected override async Task OnUserKnownAsync() => _timeZone = (await Organizations.GetWorkspaceAsync(UserId))?.TimeZone;

    // A refusal leaves no view: the page says the user is not a member.
    protected override async Task ReadAsync()
    {
        var loaded = await Members.GetAsync(UserId, OrganizationId);
        _view = loaded.Succeeded ? loaded.Value : null;
    }

    protected override void LogLoadFailed(Exception exception) => MembersLog.LoadFailed(Logger, exception);

    private async Task InviteAsync()
    {
        if (await MembersInviteDialog.ShowAsync(Dialogs, L, UserId, OrganizationId) is { } invited)
        {
            Snackbar.Add(L["Members.Invited", invited.Email], Severity.Success);
            await LoadAsync();
        }
    }

    private async Task ChangeRoleAsync(MemberRow member)
    {
        if (await MembersRoleDialog.ShowAsync(Dialogs, L, UserId, OrganizationId, member, _view!.AssignableRoles) is { } role)
        {
            Snackbar.Add(L["Members.RoleChanged", member.DisplayName, MembersText.Role(L, role)], Severity.Success);
            await LoadAsync();
        }
    }

    private Task RemoveAsync(MemberRow member) => ConfirmAndRunAsync(
        L["Members.RemoveTitle"], L["Members.RemoveText", member.DisplayName, _view!.OrganizationName], L["Members.Remove"],
        () => Members.RemoveAsync(UserId, OrganizationId, member.UserId), L["Members.Removed", member.DisplayName]);

    private Task TransferAsync(MemberRow member) => ConfirmAndRunAsync(
        L["Members.TransferTitle"], L["Members.TransferText", member.DisplayName, _view!.OrganizationName], L["Members.Transfer"],
        () => Members.TransferOwnershipAsync(UserId, OrganizationId, member.UserId), L["Members.Transferred", member.DisplayName]);

    private Task RevokeAsync(PendingInvitation invitation) => ConfirmAndRunAsync(
        L["Members.RevokeTitle"], L["Members.RevokeText", invitation.Email], L["Members.Revoke"],
        () => Invitations.RevokeAsync(UserId, OrganizationId, invitation.Id), L["Members.Revoked", invitation.Email]);

    private async Task ConfirmAndRunAsync(string title, string text, string yes, Func<Task<Result>> action, string done)
    {
        if (!await ConfirmAsync(title, text, yes, L["Common.Cancel"]))
        {
            return;
        }

        Busy = true;
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
            Busy = false;
        }
    }
}
