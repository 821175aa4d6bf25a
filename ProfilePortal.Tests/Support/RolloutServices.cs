using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Domain.Audit;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Features;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Domain.Payments;
using ProfilePortal.Domain.Trials;

namespace ProfilePortal.Tests.Support;

/// <summary>
/// The portal's services with the <c>Trials</c> flag configured as in appsettings.json (a targeting filter at 20 %)
/// instead of the other fixtures' "on for everyone", an admin to move the rollout, and a switch to take the
/// database down.
/// </summary>
public sealed class RolloutServices : PortalServices
{
    private Task<ApplicationUser>? _admin;

    public DatabaseOutage Outage { get; } = new();

    /// <summary>The fixture's admin, made on first use.</summary>
    public Task<ApplicationUser> Admin => _admin ??= this.AdminAsync();

    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        // Hides the base fixture's "true", so the targeting filter below is the definition.
        [$"FeatureManagement:{FeatureNames.Trials}"] = null,
        [$"FeatureManagement:{FeatureNames.Trials}:EnabledFor:0:Name"] = "Microsoft.Targeting",
        [$"FeatureManagement:{FeatureNames.Trials}:EnabledFor:0:Parameters:Audience:DefaultRolloutPercentage"] = "20",
    };

    /// <summary>Moves the rollout to <paramref name="percentage"/> as the fixture's admin; staying where it is counts as done.</summary>
    public async Task MoveRolloutToAsync(int percentage, string reason = "Test step")
    {
        var admin = await Admin;
        var result = await Get<TrialRollout>().SetPercentageAsync(admin.Id, percentage, reason);
        Assert.True(result.Succeeded || result.Errors[0] == TrialRolloutErrors.Unchanged, string.Join("; ", result.Errors.Select(e => e.Message)));
    }

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<IInterceptor>(Outage);
}

/// <summary>Helpers over the rollout's data.</summary>
public static class RolloutScenario
{
    /// <summary>
    /// Records settled trial conversion attempts for <paramref name="customer"/>'s subscription as the settlement does:
    /// a TrialConversion payment per attempt, and its outcome in the audit trail.
    /// </summary>
    public static async Task RecordConversionAttemptsAsync(this PortalServices portal, Customer customer, int succeeded, int declined)
    {
        var now = portal.Clock.GetUtcNow();
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        var subscription = await db.Subscriptions.SingleAsync(s => s.OrganizationId == customer.OrganizationId);
        var first = 1000 + await db.Payments.CountAsync(p => p.SubscriptionId == subscription.Id);
        for (var i = 0; i < succeeded + declined; i++)
        {
            var payment = Payment.ForPeriod(
                customer.OrganizationId, subscription.Id, first + i, PaymentPurpose.TrialConversion, "new_monthly", Money.Rubles(3900m),
                "ProfilePortal: Monthly after the trial", initiatedBy: null, now);
            payment.BeginAttempt("sandbox", null, "•••• 4242", now);
            var failed = i >= succeeded;
            if (failed)
            {
                payment.Decline("5051", "Insufficient funds", DeclineKind.Soft);
            }
            else
            {
                payment.Succeed($"tx-{Guid.NewGuid():N}", now);
            }

            db.Payments.Add(payment);
            db.AuditEntries.Add(AuditEntry.Record(
                null, failed ? PaymentSettlement.DeclinedAction : PaymentSettlement.SucceededAction, PaymentSettlement.AuditTarget,
                payment.Id.ToString(), customer.OrganizationId, "{}", now));
        }

        await db.SaveChangesAsync();
    }
}
