using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Domain.Organizations;
using ProfilePortal.Domain.Payments;
using ProfilePortal.Domain.Quotas;
using ProfilePortal.Infrastructure.Payments.Sandbox;

namespace ProfilePortal.Infrastructure.Identity;

/// <summary>
/// Demo accounts and their usage for Development (listed in README.md). Runs on an empty database only: a
/// user row means someone already works with this database.
/// </summary>
public sealed class DemoDataSeeder(
    UserManager<ApplicationUser> users,
    AdminBootstrapper bootstrapper,
    OrganizationAccess organizations,
    BillingService billing,
    IPaymentGateway gateway,
    IPortalDbContextFactory dbFactory,
    TimeProvider clock)
{
    public const string AdminEmail = "admin@profileportal.local";
    public const string AdminPassword = "Admin-demo-2026";
    public const string CustomerPassword = "Customer-demo-2026";

    /// <summary>
    /// Anna's launches leave her quota low, so the warning and the "Buy" button show; Ben has plenty; Cleo has just
    /// started and is the one to try a free trial with; Dan pays for the monthly plan and is the one to try
    /// cancelling, pausing or a plan change with.
    /// </summary>
    public static IReadOnlyList<(string Email, string Language, string FirstName, string LastName, string Company, int Launches)> Customers { get; } =
    [
        ("anna@profileportal.local", SupportedLanguages.Russian, "Анна", "Смирнова", "ML Lab", 46),
        ("ben@profileportal.local", SupportedLanguages.English, "Ben", "Carter", "Vision Works", 12),
        ("cleo@profileportal.local", SupportedLanguages.English, "Cleo", "Park", "Tabular Labs", 3),
        (PayingCustomerEmail, SupportedLanguages.English, "Dan", "Novak", "Signal Forge", 120),
    ];

    /// <summary>The demo customer with a paid monthly plan (bought with a sandbox test card when the data is seeded).</summary>
    public const string PayingCustomerEmail = "dan@profileportal.local";

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        if (await users.Users.AnyAsync(cancellationToken))
        {
            return;
        }

        await bootstrapper.CreateConfirmedUserAsync(AdminEmail, AdminPassword, SupportedLanguages.English, Roles.Admin, cancellationToken);
        foreach (var (email, language, firstName, lastName, company, launches) in Customers)
        {
            var user = await bootstrapper.CreateConfirmedUserAsync(email, CustomerPassword, language, role: null, cancellationToken);
            user.FirstName = firstName;
            user.LastName = lastName;
            user.Company = company;
            await users.UpdateAsync(user);
            await SeedUsageAsync(user.Id, launches, cancellationToken);
            if (email == PayingCustomerEmail)
            {
                await BuyMonthlyPlanAsync(user.Id, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Dan's organization buys the monthly plan through the real checkout with the sandbox's good test card. With a
    /// real payment provider configured nothing is bought: demo data never charges a card.
    /// </summary>
    private async Task BuyMonthlyPlanAsync(Guid userId, CancellationToken cancellationToken)
    {
        if (!SandboxGateway.Is(gateway))
        {
            return;
        }

        var organizationId = (await organizations.GetMembershipsAsync(userId, cancellationToken))[0].OrganizationId;
        var checkout = await billing.StartPlanPurchaseAsync(userId, organizationId, "new_monthly", cancellationToken);
        var card = SandboxCards.Tokenize("4242424242424242", 12, clock.GetUtcNow().Year + 3, "123", clock.GetUtcNow());
        if (!checkout.Succeeded || !card.Succeeded
            || !(await billing.PayAsync(userId, checkout.Value.PaymentId, card.Value, cancellationToken: cancellationToken)).Succeeded)
        {
            throw new InvalidOperationException("The demo customer's plan could not be bought with the sandbox card.");
        }
    }

    // Plays the ML platform's part (docs/usage-events.md): launches this month, uploads and jobs around them.
    private async Task SeedUsageAsync(Guid userId, int launches, CancellationToken cancellationToken)
    {
        var organizationId = (await organizations.GetMembershipsAsync(userId, cancellationToken))[0].OrganizationId;
        var now = clock.GetUtcNow();
        var monthStart = QuotaPeriod.CalendarMonth(now).Start;
        var step = (now - monthStart) / (launches + 1);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        for (var i = 1; i <= launches; i++)
        {
            var at = monthStart + (step * i);
            db.UsageEvents.Add(UsageEvent.Record(organizationId, userId, UsageEventKind.TrainingRun, $"resnet50-finetune #{i}", 1, at));
            if (i % 5 == 0)
            {
                db.UsageEvents.Add(UsageEvent.Record(organizationId, userId, UsageEventKind.DatasetUpload, $"images-batch-{i / 5}.zip", 0, at - TimeSpan.FromMinutes(10)));
            }

            if (i % 8 == 0)
            {
                db.UsageEvents.Add(UsageEvent.Record(organizationId, userId, UsageEventKind.Job, $"evaluate-checkpoint-{i}", 0, at + TimeSpan.FromMinutes(30)));
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
