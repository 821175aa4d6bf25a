using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ProfilePortal.Components.Account;

/// <summary>
/// Identity's security stamp check on each authenticated request, asking for the validator only when the check is
/// due. <see cref="SecurityStampValidator.ValidatePrincipalAsync"/> resolves the validator on every request, and with
/// it the sign-in manager, the user manager, their stores and a database context; for a circuit's WebSocket request,
/// which lasts as long as the tab is open, that graph stayed leased for hours in every tab (issue 10: memory per
/// circuit). The validator's own rule decides the same way: validate when the ticket has no issue time or is older
/// than <see cref="SecurityStampValidatorOptions.ValidationInterval"/>.
/// </summary>
internal static class SecurityStampCheck
{
    public static Task ValidateWhenDueAsync(CookieValidatePrincipalContext context)
    {
        // The validator's own options and clock (Identity sets the clock from the container's TimeProvider).
        var options = context.HttpContext.RequestServices.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value;
        var now = (options.TimeProvider ?? TimeProvider.System).GetUtcNow();
        return IsDue(context.Properties.IssuedUtc, now, options.ValidationInterval)
            ? SecurityStampValidator.ValidatePrincipalAsync(context)
            : Task.CompletedTask;
    }

    /// <summary>Whether a ticket issued at <paramref name="issuedUtc"/> is due for the check at <paramref name="now"/>.</summary>
    public static bool IsDue(DateTimeOffset? issuedUtc, DateTimeOffset now, TimeSpan interval) =>
        issuedUtc is not { } issued || now - issued > interval;
}
