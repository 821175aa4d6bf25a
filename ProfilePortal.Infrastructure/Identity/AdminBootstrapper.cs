using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Domain.Organizations;

namespace ProfilePortal.Infrastructure.Identity;

/// <summary>Makes sure the Admin role exists and, on first start, the configured admin account.</summary>
public sealed partial class AdminBootstrapper(
    UserManager<ApplicationUser> users,
    RoleManager<IdentityRole<Guid>> roles,
    OrganizationProvisioning provisioning,
    IOptions<AdminOptions> options,
    TimeProvider clock,
    ILogger<AdminBootstrapper> logger)
{
    public async Task EnsureAdminAsync(CancellationToken cancellationToken = default)
    {
        if (!await roles.RoleExistsAsync(Roles.Admin))
        {
            ThrowIfFailed(await roles.CreateAsync(new IdentityRole<Guid>(Roles.Admin) { Id = Guid.CreateVersion7() }));
        }

        var (email, password) = (options.Value.Email, options.Value.Password);
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(password))
        {
            return;
        }

        if (await users.FindByEmailAsync(email) is not null)
        {
            return;
        }

        await CreateConfirmedUserAsync(email, password, SupportedLanguages.Default, Roles.Admin, cancellationToken);
        LogAdminCreated();
    }

    /// <summary>Creates a user whose email counts as confirmed, optionally in a role, with its organization.</summary>
    internal async Task<ApplicationUser> CreateConfirmedUserAsync(string email, string password, string language, string? role, CancellationToken cancellationToken)
    {
        var user = ApplicationUser.Create(email, language, clock.GetUtcNow());
        user.EmailConfirmed = true;
        ThrowIfFailed(await users.CreateAsync(user, password));
        if (role is not null)
        {
            ThrowIfFailed(await users.AddToRoleAsync(user, role));
        }

        await provisioning.EnsurePersonalOrganizationAsync(user.Id, cancellationToken);
        return user;
    }

    // A bad configured admin (e.g. a weak password) must stop the start, not be skipped silently.
    private static void ThrowIfFailed(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                "Could not create the configured admin: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the configured admin account")]
    private partial void LogAdminCreated();
}
