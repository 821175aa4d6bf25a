using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Fraud;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Infrastructure.Identity;

namespace ProfilePortal.Tests.Support;

/// <summary>Antifraud test helpers: fresh addresses and cards, so tests sharing a database do not count each other's trials.</summary>
public static class FraudScenario
{
    private static int _addresses;

    /// <summary>An address no other test in the run uses (from the documentation range 198.18.0.0/15).</summary>
    public static string NewIp()
    {
        var n = Interlocked.Increment(ref _addresses);
        return $"198.{18 + (n >> 16)}.{(n >> 8) & 0xFF}.{n & 0xFF}";
    }

    /// <summary>A Visa number that passes the Luhn check and succeeds in the sandbox, with a fingerprint of its own.</summary>
    public static string NewCardNumber()
    {
        var digits = "4" + string.Concat(Enumerable.Range(0, 14).Select(_ => RandomNumberGenerator.GetInt32(10)));
        return digits + CheckDigit(digits);
    }

    /// <summary>A signed-up user with the Admin role.</summary>
    public static Task<ApplicationUser> AdminAsync(this PortalServices portal) =>
        portal.InScopeAsync(async services =>
        {
            var roles = services.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
            if (!await roles.RoleExistsAsync(Roles.Admin))
            {
                await roles.CreateAsync(new IdentityRole<Guid>(Roles.Admin) { Id = Guid.CreateVersion7() });
            }

            return await services.GetRequiredService<AdminBootstrapper>()
                .CreateConfirmedUserAsync(Builders.UniqueEmail("admin"), Builders.StrongPassword, "en", Roles.Admin, CancellationToken.None);
        });

    /// <summary>The signals of one rule and key, oldest first, with their accounts.</summary>
    public static async Task<List<FraudSignal>> SignalsAsync(this PortalServices portal, FraudSignalKind kind, string key)
    {
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        return await db.FraudSignals.AsNoTracking().Include(s => s.Accounts)
            .Where(s => s.Kind == kind && s.Key == key)
            .OrderBy(s => s.RaisedAt)
            .ToListAsync();
    }

    public static async Task<List<(string Action, Guid? Actor)>> AuditOfAsync(this PortalServices portal, string targetType, string targetId)
    {
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        return [.. (await db.AuditEntries.AsNoTracking()
                .Where(a => a.TargetType == targetType && a.TargetId == targetId)
                .OrderBy(a => a.OccurredAt)
                .Select(a => new { a.Action, a.ActorUserId })
                .ToListAsync())
            .Select(a => (a.Action, a.ActorUserId))];
    }

    private static int CheckDigit(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 0)
            {
                d *= 2;
                d = d > 9 ? d - 9 : d;
            }

            sum += d;
        }

        return (10 - (sum % 10)) % 10;
    }
}
