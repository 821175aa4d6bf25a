using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using ProfilePortal.Domain.Identity;

namespace ProfilePortal.Components.Account;

/// <summary>
/// A circuit's authentication state (the framework's server provider), enrolled with <see cref="SignInRevalidator"/>
/// while it holds a signed-in user, so that a sign-in revoked elsewhere (a changed password, a deleted account) ends
/// here too within the revalidator's interval (ASVS 7.4.2). It has no timer of its own (ADR-025).
/// </summary>
internal sealed class PortalAuthenticationStateProvider : ServerAuthenticationStateProvider, IDisposable
{
    private static readonly AuthenticationState SignedOut = new(new ClaimsPrincipal(new ClaimsIdentity()));

    private readonly SignInRevalidator _revalidator;
    private readonly ClaimsIdentityOptions _claims;
    private volatile bool _disposed;

    public PortalAuthenticationStateProvider(SignInRevalidator revalidator, IOptions<IdentityOptions> options)
    {
        _revalidator = revalidator;
        _claims = options.Value.ClaimsIdentity;
        AuthenticationStateChanged += OnAuthenticationStateChanged;
    }

    /// <summary>Ends the circuit's sign-in: its components see an anonymous user from now on.</summary>
    public void SignOut() => SetAuthenticationState(Task.FromResult(SignedOut));

    public void Dispose()
    {
        _disposed = true;
        AuthenticationStateChanged -= OnAuthenticationStateChanged;
        _revalidator.Forget(this);
    }

    private void OnAuthenticationStateChanged(Task<AuthenticationState> state)
    {
        if (state.IsCompletedSuccessfully)
        {
            Enroll(state.Result.User);
        }
        else
        {
            _ = EnrollWhenKnownAsync(state);
        }
    }

    private async Task EnrollWhenKnownAsync(Task<AuthenticationState> state)
    {
        ClaimsPrincipal user;
        try
        {
            user = (await state).User;
        }
        catch (Exception)
        {
            // No user to check: whoever awaits the state sees its failure.
            _revalidator.Forget(this);
            return;
        }

        // A newer state may have been set meanwhile; it enrolls itself.
        if (ReferenceEquals(state, GetAuthenticationStateAsync()))
        {
            Enroll(user);
        }
    }

    private void Enroll(ClaimsPrincipal user)
    {
        if (_disposed || user.Identity?.IsAuthenticated != true)
        {
            _revalidator.Forget(this);
            return;
        }

        var id = Guid.TryParse(user.FindFirstValue(_claims.UserIdClaimType), out var userId) ? userId : (Guid?)null;
        _revalidator.Track(this, new SignInStamp(id, user.FindFirstValue(_claims.SecurityStampClaimType)));
        if (_disposed)
        {
            // Closed while enrolling: leave again, so the revalidator holds no closed circuit.
            _revalidator.Forget(this);
        }
    }
}
