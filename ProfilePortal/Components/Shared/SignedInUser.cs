using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;

namespace ProfilePortal.Components.Shared;

/// <summary>The signed-in user's id from the cascaded authentication state.</summary>
internal static class SignedInUser
{
    /// <summary>The name of the cascading value that carries the visitor's IP address (see <c>Routes</c>).</summary>
    public const string ClientAddressName = "ClientAddress";

    /// <summary>The user's id, or <see cref="Guid.Empty"/> for an anonymous visitor.</summary>
    public static async Task<Guid> IdAsync(Task<AuthenticationState>? state)
    {
        var user = state is null ? null : (await state).User;
        return Guid.TryParse(user?.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : Guid.Empty;
    }
}
