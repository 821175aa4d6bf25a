using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Domain.Organizations;
using ProfilePortal.Infrastructure.Identity;

namespace ProfilePortal.Tests.Support;

/// <summary>Test data made through the real services, so it obeys the same rules as production data.</summary>
public static class Builders
{
    public const string StrongPassword = "correct-horse-battery";

    public static string UniqueEmail(string prefix = "user") => $"{prefix}-{Guid.NewGuid():N}@example.com";

    /// <summary>Signs up through <see cref="AccountRegistration"/> and returns the new user.</summary>
    public static Task<ApplicationUser> RegisteredUserAsync(this PortalServices portal, string? email = null, string language = "en") =>
        portal.InScopeAsync(async services =>
        {
            var result = await services.GetRequiredService<AccountRegistration>()
                .RegisterAsync(email ?? UniqueEmail(), StrongPassword, language);
            Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
            return result.Value;
        });

    /// <summary>
    /// Applies an Identity change (a new password, a renewed security stamp…) to the user as stored, in a scope of its
    /// own, as an account page does; asserts it worked and returns the user as saved.
    /// </summary>
    public static Task<ApplicationUser> ChangedUserAsync(
        this PortalServices portal, Guid userId, Func<UserManager<ApplicationUser>, ApplicationUser, Task<IdentityResult>> change) =>
        portal.InScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<ApplicationUser>>();
            var user = await users.FindByIdAsync(userId.ToString()) ?? throw new InvalidOperationException($"No user {userId}.");
            var result = await change(users, user);
            Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
            return user;
        });

    /// <summary>A user whose address is confirmed, as after the confirmation link, with their personal organization.</summary>
    public static Task<ApplicationUser> ConfirmedUserAsync(this PortalServices portal, string? email = null, string language = "en") =>
        portal.InScopeAsync(services => services.GetRequiredService<AdminBootstrapper>()
            .CreateConfirmedUserAsync(email ?? UniqueEmail(), StrongPassword, language, role: null, CancellationToken.None));

    /// <summary>A confirmed user in the site-wide Admin role, with their personal organization.</summary>
    public static Task<ApplicationUser> AdminAsync(this PortalServices portal, string? email = null, string language = "en") =>
        portal.InScopeAsync(async services =>
        {
            var bootstrapper = services.GetRequiredService<AdminBootstrapper>();
            await bootstrapper.EnsureAdminAsync();
            return await bootstrapper.CreateConfirmedUserAsync(email ?? UniqueEmail("admin"), StrongPassword, language, Roles.Admin, CancellationToken.None);
        });

    /// <summary>The user's personal organization.</summary>
    public static async Task<Guid> PersonalOrganizationAsync(this PortalServices portal, Guid userId) =>
        (await portal.Get<OrganizationAccess>().GetMembershipsAsync(userId)).Single(m => m.IsPersonal).OrganizationId;

    /// <summary>Adds <paramref name="userId"/> to an organization, as an invitation would.</summary>
    public static async Task JoinAsync(this PortalServices portal, Guid organizationId, Guid userId, OrganizationRole role = OrganizationRole.Member)
    {
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        db.Memberships.Add(Membership.Create(organizationId, userId, role, portal.Clock.GetUtcNow()));
        await db.SaveChangesAsync();
    }

    public static Task<ApplicationUser?> FindUserAsync(this PortalServices portal, string email) =>
        portal.InScopeAsync(services => services.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(email));
}
