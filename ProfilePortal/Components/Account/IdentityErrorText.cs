using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using ProfilePortal.Domain.Common;
using ProfilePortal.Resources;

namespace ProfilePortal.Components.Account;

/// <summary>
/// Identity's reasons (weak password, taken email, bad token) in the visitor's language. Identity's own
/// descriptions are English only, so the pages map the stable error codes instead.
/// </summary>
internal sealed class IdentityErrorText(IStringLocalizer<SharedResource> localizer, IOptions<IdentityOptions> options)
{
    private const string DomainPrefix = "identity.";

    public string Describe(IdentityError error) => Describe(error.Code);

    /// <summary>The message for a domain <see cref="Error"/> that wraps an Identity error (<c>identity.{Code}</c>).</summary>
    public string Describe(Error error) =>
        error.Code.StartsWith(DomainPrefix, StringComparison.Ordinal)
            ? Describe(error.Code[DomainPrefix.Length..])
            : localizer["Identity.Unknown"];

    public string Describe(string code)
    {
        var password = options.Value.Password;
        return code switch
        {
            nameof(IdentityErrorDescriber.PasswordTooShort) => localizer["Identity.PasswordTooShort", password.RequiredLength],
            nameof(IdentityErrorDescriber.PasswordRequiresUniqueChars) => localizer["Identity.PasswordRequiresUniqueChars", password.RequiredUniqueChars],
            nameof(IdentityErrorDescriber.PasswordRequiresNonAlphanumeric) => localizer["Identity.PasswordRequiresNonAlphanumeric"],
            nameof(IdentityErrorDescriber.PasswordRequiresDigit) => localizer["Identity.PasswordRequiresDigit"],
            nameof(IdentityErrorDescriber.PasswordRequiresLower) => localizer["Identity.PasswordRequiresLower"],
            nameof(IdentityErrorDescriber.PasswordRequiresUpper) => localizer["Identity.PasswordRequiresUpper"],
            nameof(IdentityErrorDescriber.PasswordMismatch) => localizer["Identity.PasswordMismatch"],
            // The user name is the email, so a taken or malformed email yields both codes: one message.
            nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName) => localizer["Identity.DuplicateEmail"],
            nameof(IdentityErrorDescriber.InvalidEmail) or nameof(IdentityErrorDescriber.InvalidUserName) => localizer["Identity.InvalidEmail"],
            nameof(IdentityErrorDescriber.InvalidToken) => localizer["Identity.InvalidToken"],
            nameof(IdentityErrorDescriber.ConcurrencyFailure) => localizer["Identity.ConcurrencyFailure"],
            _ => localizer["Identity.Unknown"],
        };
    }
}
