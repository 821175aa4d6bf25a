using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using ProfilePortal.Components.Shared;
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
    private PageState _state = PageState.Loading;
    private Guid _userId;
    private CredentialList? _list;
    private bool _busy;

    private enum PageState
    {
        Loading,
        NotFound,
        ManagersOnly,
        Failed,
        Ready,
    }

    /// <summary>The organization whose credentials are shown.</summary>
    [Parameter]
    public Guid OrganizationId { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject]
    private CredentialService Credentials { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private ILogger<CredentialsPage> Logger { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        if (!RendererInfo.IsInteractive)
        {
            return;
        }

        _userId = await SignedInUser.IdAsync(AuthenticationState);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _state = PageState.Loading;
        try
        {
            var result = await Credentials.ListAsync(_userId, OrganizationId);
            _list = result.Succeeded ? result.Value : null;
            _state = result.Succeeded ? PageState.Ready
                : result.Errors[0] == CredentialErrors.ManagersOnly ? PageState.ManagersOnly
                : PageState.NotFound;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            CredentialsLog.LoadFailed(Logger, exception, OrganizationId);
            _state = PageState.Failed;
        }
    }

    private Task AddAsync() => EditAsync(null);

    private Task ReplaceAsync(CredentialSummary credential) => EditAsync(credential);

    private async Task EditAsync(CredentialSummary? credential)
    {
        var parameters = new DialogParameters<CredentialDialog>
        {
            { d => d.UserId, _userId },
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
            { d => d.UserId, _userId },
            { d => d.OrganizationId, OrganizationId },
            { d => d.CredentialId, credential.Id },
        };
        var dialog = await Dialogs.ShowAsync<CredentialRevealDialog>(credential.Name, parameters, CredentialRevealDialog.Options);
        await dialog.Result;
    }

    private async Task DeleteAsync(CredentialSummary credential)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            L["Credentials.DeleteTitle"],
            L["Credentials.DeleteText", credential.Name],
            yesText: L["Credentials.Delete"],
            cancelText: L["Common.Cancel"]);
        if (confirmed != true)
        {
            return;
        }

        _busy = true;
        try
        {
            var result = await Credentials.DeleteAsync(_userId, OrganizationId, credential.Id);
            Snackbar.Add(
                result.Succeeded ? L["Credentials.Deleted"] : CredentialText.Error(L, result.Errors[0]),
                result.Succeeded ? Severity.Success : Severity.Error);
            await LoadAsync();
        }
        finally
        {
            _busy = false;
        }
    }
}
