using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.FeatureManagement.FeatureFilters;

namespace ProfilePortal.Features;

/// <summary>
/// Who is asking, for targeted rollouts: the signed-in user's id, sticky across sessions and devices. Read
/// from the circuit's authentication state, since HttpContext is not available inside interactive components.
/// Anonymous visitors get no context and so no targeted feature until they sign in.
/// </summary>
internal sealed class CircuitTargetingContextAccessor(AuthenticationStateProvider authentication) : ITargetingContextAccessor
{
    public async ValueTask<TargetingContext> GetContextAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        var user = state.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            // Without an id every anonymous visitor would share one bucket; the filter treats no context as "off".
            return null!;
        }

        return new TargetingContext
        {
            UserId = user.FindFirstValue(ClaimTypes.NameIdentifier),
            Groups = [.. user.FindAll(ClaimTypes.Role).Select(role => role.Value)],
        };
    }
}
