using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Domain.Organizations;

namespace ProfilePortal.CircuitLoad;

/// <summary>
/// The load's customers, <c>load-00001@bench.local</c> and on: confirmed English customers, each with the
/// personal organization registration gives (Identity's user manager, then <see cref="OrganizationProvisioning"/>,
/// as the portal's own account bootstrapper does). They share one password, hashed once: Identity's PBKDF2 costs
/// tens of milliseconds per hash, and the same hash verifies for every one of them.
/// </summary>
public static class LoadCustomers
{
    /// <summary>The password every load customer signs in with.</summary>
    public const string Password = "Load-customer-2026";

    /// <summary>The email of load customer <paramref name="number"/> (from 1).</summary>
    public static string Email(int number) => string.Create(CultureInfo.InvariantCulture, $"load-{number:D5}@bench.local");

    /// <summary>Creates the customers 1 to <paramref name="count"/> that do not exist yet; returns how many it created.</summary>
    public static async Task<int> EnsureAsync(IServiceProvider services, int count, CancellationToken cancellationToken)
    {
        string passwordHash;
        HashSet<string> existing;
        await using (var scope = services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            passwordHash = users.PasswordHasher.HashPassword(ApplicationUser.Create(Email(1), "en", DateTimeOffset.UnixEpoch), Password);
            existing = [.. await users.Users.Where(u => u.Email!.EndsWith("@bench.local")).Select(u => u.Email!).ToListAsync(cancellationToken)];
        }

        var created = 0;
        foreach (var chunk in Enumerable.Range(1, count).Where(n => !existing.Contains(Email(n))).Chunk(500))
        {
            // A scope per chunk keeps the change tracker small.
            await using var scope = services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var provisioning = scope.ServiceProvider.GetRequiredService<OrganizationProvisioning>();
            var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
            foreach (var number in chunk)
            {
                var user = ApplicationUser.Create(Email(number), "en", clock.GetUtcNow());
                user.EmailConfirmed = true;
                user.PasswordHash = passwordHash;
                var result = await users.CreateAsync(user);
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException($"Could not create {user.Email}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
                }

                await provisioning.EnsurePersonalOrganizationAsync(user.Id, cancellationToken);
                created++;
            }
        }

        return created;
    }
}
