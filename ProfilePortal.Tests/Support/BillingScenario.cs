using Microsoft.EntityFrameworkCore;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Domain.Payments;
using ProfilePortal.Domain.Trials;
using ProfilePortal.Infrastructure.Payments.Sandbox;

namespace ProfilePortal.Tests.Support;

/// <summary>A signed-up customer with their personal organization, for billing tests.</summary>
public sealed record Customer(ApplicationUser User, Guid OrganizationId)
{
    public Guid Id => User.Id;
}

/// <summary>Billing test helpers over a <see cref="PortalServices"/> database and its sandbox gateway.</summary>
public static class BillingScenario
{
    public const string GoodCard = "4242424242424242";
    public const string NoFundsCard = "4000000000009995";
    public const string ExpiredCard = "4000000000000069";
    public const string FlakyCard = "4000000000000119";

    public static async Task<Customer> CustomerAsync(this PortalServices portal, string language = "en")
    {
        var user = await portal.RegisteredUserAsync(language: language);
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        var organizationId = await db.Memberships.Where(m => m.UserId == user.Id).Select(m => m.OrganizationId).SingleAsync();
        return new Customer(user, organizationId);
    }

    public static CardDetails Card(this PortalServices portal, string number = GoodCard, int month = 12, int year = 2030) =>
        SandboxCards.Tokenize(number, month, year, "123", portal.Clock.GetUtcNow()).Value;

    /// <summary>Buys <paramref name="planCode"/> with a new sandbox card and asserts it worked.</summary>
    public static async Task<Payment> BuyAsync(this PortalServices portal, Customer customer, string planCode = "new_quarterly", string card = GoodCard)
    {
        var billing = portal.Get<BillingService>();
        var checkout = await billing.StartPlanPurchaseAsync(customer.Id, customer.OrganizationId, planCode);
        Assert.True(checkout.Succeeded, string.Join("; ", checkout.Errors.Select(e => e.Message)));
        var paid = await billing.PayAsync(customer.Id, checkout.Value.PaymentId, portal.Card(card));
        Assert.True(paid.Succeeded, string.Join("; ", paid.Errors.Select(e => e.Message)));
        return paid.Value;
    }

    /// <summary>Starts a trial of <paramref name="planCode"/> with a new sandbox card and asserts it worked.</summary>
    public static async Task<TrialStatus> StartTrialAsync(
        this PortalServices portal, Customer customer, string planCode = "new_quarterly", string card = GoodCard, string ip = "203.0.113.7")
    {
        var started = await portal.Get<TrialService>().StartAsync(customer.Id, customer.OrganizationId, planCode, portal.Card(card), ip);
        Assert.True(started.Succeeded, string.Join("; ", started.Errors.Select(e => e.Message)));
        return started.Value;
    }

    public static async Task<Trial> TrialOfAsync(this PortalServices portal, Guid userId)
    {
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        return await db.Trials.AsNoTracking().SingleAsync(t => t.UserId == userId);
    }

    public static async Task<Subscription> SubscriptionAsync(this PortalServices portal, Guid organizationId)
    {
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        return await db.Subscriptions.AsNoTracking().SingleAsync(s => s.OrganizationId == organizationId);
    }

    public static async Task<List<Payment>> PaymentsAsync(this PortalServices portal, Guid organizationId)
    {
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        return await db.Payments.AsNoTracking().Where(p => p.OrganizationId == organizationId).OrderBy(p => p.CreatedAt).ToListAsync();
    }

    public static async Task<List<string>> AuditActionsAsync(this PortalServices portal, Guid organizationId)
    {
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        return await db.AuditEntries.AsNoTracking().Where(a => a.OrganizationId == organizationId).OrderBy(a => a.OccurredAt).Select(a => a.Action).ToListAsync();
    }

    public static async Task<List<string>> EmailKindsToAsync(this PortalServices portal, string address)
    {
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        return await db.EmailMessages.AsNoTracking().Where(m => m.ToAddress == address).OrderBy(m => m.CreatedAt).Select(m => m.Kind).ToListAsync();
    }

    /// <summary>The sandbox charges of one organization's invoices.</summary>
    public static IReadOnlyList<SandboxCharge> ChargesOf(this PortalServices portal, IEnumerable<Payment> payments)
    {
        var keys = payments.Select(p => p.IdempotencyKey).ToHashSet(StringComparer.Ordinal);
        return [.. portal.Get<SandboxGateway>().Charges.Where(c => keys.Contains(c.InvoiceId))];
    }
}
