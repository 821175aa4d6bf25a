using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ProfilePortal.Domain.Identity;

namespace ProfilePortal.Infrastructure.Identity;

/// <summary>
/// Demo accounts for Development (listed in README.md). Runs on an empty database only: a user row means
/// someone already works with this database.
/// </summary>
public sealed class DemoDataSeeder(UserManager<ApplicationUser> users, AdminBootstrapper bootstrapper)
{
    public const string AdminEmail = "admin@profileportal.local";
    public const string AdminPassword = "Admin-demo-2026";
    public const string CustomerPassword = "Customer-demo-2026";

    public static IReadOnlyList<(string Email, string Language, string FirstName, string LastName, string Company)> Customers { get; } =
    [
        ("anna@profileportal.local", SupportedLanguages.Russian, "Анна", "Смирнова", "ML Lab"),
        ("ben@profileportal.local", SupportedLanguages.English, "Ben", "Carter", "Vision Works"),
    ];

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        if (await users.Users.AnyAsync(cancellationToken))
        {
            return;
        }

        await bootstrapper.CreateConfirmedUserAsync(AdminEmail, AdminPassword, SupportedLanguages.English, Roles.Admin, cancellationToken);
        foreach (var (email, language, firstName, lastName, company) in Customers)
        {
            var user = await bootstrapper.CreateConfirmedUserAsync(email, CustomerPassword, language, role: null, cancellationToken);
            user.FirstName = firstName;
            user.LastName = lastName;
            user.Company = company;
            await users.UpdateAsync(user);
        }
    }
}
