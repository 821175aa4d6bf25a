using Microsoft.AspNetCore.Components;
using MudBlazor;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Credentials;

namespace ProfilePortal.Components.Organizations;

/// <summary>
/// <c>/organizations/{id}/credentials</c>: the organization's integration secrets, masked. The owner and admins add,
/// replace, reveal (audited) and delete them; a member is told only the managers do, a stranger that there is nothing
/// here. Every action reloads the list, so what is shown is what is stored.
/// </summary>
public sealed partial class CredentialsPage
{
    private CredentialList? _list;
    private Refusal _refusal;

    private enum Refusal
    {
        None,
        NotFound,
        ManagersOnly,
    }

    /// <summary>The organization whose credentials are shown.</summary>
    [Parameter]
    public Guid OrganizationId { get; set; }

    [Inject]
    private CredentialService Credentials { get; set; } = default!;

    protected override async Task ReadAsync()
    {
        var result = await Credentials.ListAsync(UserId, OrganizationId);
        _list = result.Succeeded ? result.Value : null;
        _refusal = result.Succeeded ? Refusal.None
            : result.Errors[0] == CredentialErrors.ManagersOnly ? Refusal.ManagersOnly
            : Refusal.NotFound;
    }

    protected override void LogLoadFailed(Exception exception) => CredentialsLog.LoadFailed(Logger, exception, OrganizationId);

    private Task AddAsync() => EditAsync(null);

    private Task ReplaceAsync(CredentialSummary credential) => EditAsync(credential);

    private async Task EditAsync(CredentialSummary? credential)
    {
        var parameters = new DialogParameters<CredentialDialog>
        {
            { d => d.UserId, UserId },
            { d => d.OrganizationId, OrganizationId },
            { d => d.Credential, credential },
        };
        var title = credential is null ? L["Credentials.AddTitle"] : L["Credentials.ReplaceTitle", credential.Name];
        var dialog = await Dialogs.ShowAsync<CredentialDialog>(title, parameters, CredentialDialog.Options);
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add(credential is null ? L["Credentials.Added"] : L["Credentials.Replaced"], Severity.Success);
            await LoadAsync();
        }
    }

    private async Task RevealAsync(CredentialSummary credential)
    {
        var parameters = new DialogParameters<CredentialRevealDialog>
        {
            { d => d.UserId, UserId },
            { d => d.OrganizationId, OrganizationId },
            { d => d.CredentialId, credential.Id },
        };
        var dialog = await Dialogs.ShowAsync<CredentialRevealDialog>(credential.Name, parameters, CredentialRevealDialog.Options);
        await dialog.Result;
    }

    private async Task DeleteAsync(CredentialSummary credential)
    {
        if (!await ConfirmAsync(L["Credentials.DeleteTitle"], L["Credentials.DeleteText", credential.Name], L["Credentials.Delete"], L["Common.Cancel"]))
        {
            return;
        }

        Busy = true;
        try
        {
            var result = await Credentials.DeleteAsync(UserId, OrganizationId, credential.Id);
            Snackbar.Add(
                result.Succeeded ? L["Credentials.Deleted"] : CredentialText.Error(L, result.Errors[0]),
                result.Succeeded ? Severity.Success : Severity.Error);
            await LoadAsync();
        }
        finally
        {
            Busy = false;
        }
    }
}
