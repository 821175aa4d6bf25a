using Microsoft.AspNetCore.Identity;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Organizations;

namespace ProfilePortal.Domain.Identity;

/// <summary>
/// Sign-up: the Identity user, then its personal organization with a Free subscription. Identity's own
/// checks (unique email, password rules) come back as field errors for the form.
/// </summary>
public sealed class AccountRegistration(UserManager<ApplicationUser> users, OrganizationProvisioning provisioning, TimeProvider clock)
{
    public async Task<Result<ApplicationUser>> RegisterAsync(string email, string password, string language, CancellationToken cancellationToken = default)
    {
        var user = ApplicationUser.Create(email.Trim(), language, clock.GetUtcNow());
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            // The user name is the email, so Identity reports a taken address twice; say it once.
            return Result<ApplicationUser>.Failure([.. created.Errors.Where(e => e.Code != DuplicateUserName).Select(ToError)]);
        }

        await provisioning.EnsurePersonalOrganizationAsync(user.Id, cancellationToken);
        return user;
    }

    private const string DuplicateUserName = nameof(IdentityErrorDescriber.DuplicateUserName);

    private static Error ToError(IdentityError error) => new(
        $"identity.{error.Code}",
        error.Description,
        error.Code.StartsWith("Password", StringComparison.Ordinal) ? "Password" : "Email");
}
