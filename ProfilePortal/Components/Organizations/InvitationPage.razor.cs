using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using ProfilePortal.Components.Shared;
using ProfilePortal.Domain.Organizations;

namespace ProfilePortal.Components.Organizations;

/// <summary>
/// <c>/invitations/{token}</c>, the link in the invitation email: shows the organization, the inviter and the role.
/// Signed in with the invited address, "Accept" joins and opens the members page; signed out, the sign-in and sign-up
/// links come back here afterwards; signed in as someone else, it says the invitation is for another address.
/// </summary>
public sealed partial class InvitationPage
{
    private bool _loading = true;
    private bool _failed;
    private bool _busy;
    private InvitationView? _invitation;
    private Guid _userId;
    private bool _isRecipient;
    private string? _timeZone;
    private string? _error;

    /// <summary>The token from the email's link.</summary>
    [Parameter]
    public string Token { get; set; } = string.Empty;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject]
    private InvitationService Invitations { get; set; } = default!;

    [Inject]
    private OrganizationAccess Organizations { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private ILogger<InvitationPage> Logger { get; set; } = default!;

    private string ReturnUrl => "/" + InvitationService.PathPrefix + Uri.EscapeDataString(Token);

    private string SignInUrl => Navigation.GetUriWithQueryParameters("Account/Login", new Dictionary<string, object?> { ["ReturnUrl"] = ReturnUrl });

    private string SignUpUrl => Navigation.GetUriWithQueryParameters("Account/Register", new Dictionary<string, object?> { ["ReturnUrl"] = ReturnUrl });

    protected override async Task OnParametersSetAsync()
    {
        if (!RendererInfo.IsInteractive)
        {
            return;
        }

        try
        {
            _userId = await SignedInUser.IdAsync(AuthenticationState);
            _invitation = await Invitations.GetAsync(Token);
            var workspace = _userId == Guid.Empty ? null : await Organizations.GetWorkspaceAsync(_userId);
            _timeZone = workspace?.TimeZone;
            _isRecipient = workspace is not null && _invitation is not null
                && string.Equals(workspace.Email, _invitation.Email, StringComparison.OrdinalIgnoreCase);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            MembersLog.InvitationFailed(Logger, exception);
            _failed = true;
        }
        finally
        {
            _loading = false;
        }
    }

    private async Task AcceptAsync()
    {
        _busy = true;
        try
        {
            var accepted = await Invitations.AcceptAsync(_userId, Token);
            if (accepted.Succeeded)
            {
                Navigation.NavigateTo($"/organizations/{accepted.Value}/members");
                return;
            }

            _error = MembersText.Error(L, accepted.Errors[0]);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            MembersLog.InvitationFailed(Logger, exception);
            _error = L["Members.ActionFailed"];
        }
        finally
        {
            _busy = false;
        }
    }

    private string StatusText(InvitationStatus status) => L[$"Invitations.Status.{status}"];
}
