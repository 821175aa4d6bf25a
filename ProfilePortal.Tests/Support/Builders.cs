using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Domain.Identity;

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

    public static Task<ApplicationUser?> FindUserAsync(this PortalServices portal, string email) =>
        portal.InScopeAsync(services => services.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(email));
}
