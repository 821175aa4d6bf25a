using Microsoft.Data.Sqlite;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Infrastructure.Payments.Sandbox;

namespace ProfilePortal.Benchmarks;

/// <summary>
/// The renewal sweep's data: organizations, each with an owner, a paid <c>new_monthly</c> subscription in its first
/// cycle whose period ended within the last day, the payment of that first cycle and a saved sandbox card
/// (<see cref="CustomerRows"/>); a template of <see cref="SweepDatabase"/>.
/// </summary>
internal static class RenewalDatabase
{
    public const string PlanCode = "new_monthly";

    /// <summary>The organizations due for renewal (<c>BENCH_RENEWALS</c>, default 100,000).</summary>
    public static int Organizations => BenchDatabase.Setting("BENCH_RENEWALS", 100_000);

    public static string TemplatePath(int organizations) => Path.Combine(BenchDatabase.DataDirectory, $"renewal-{organizations}.db");

    /// <summary>Builds the template for <paramref name="organizations"/> unless it is already there; returns its path.</summary>
    public static Task<string> PrepareTemplateAsync(int organizations) =>
        SweepDatabase.PrepareTemplateAsync(
            TemplatePath(organizations), organizations, "organizations with owners, due subscriptions, first payments and cards",
            (connection, transaction) => Fill(connection, transaction, organizations));

    public static Guid UserId(int index) => BenchDatabase.Id(11, index);

    public static Guid OrganizationId(int index) => BenchDatabase.Id(12, index);

    public static Guid SubscriptionId(int index) => BenchDatabase.Id(13, index);

    public static Guid PaymentMethodId(int index) => BenchDatabase.Id(14, index);

    public static Guid FirstPaymentId(int index) => BenchDatabase.Id(15, index);

    /// <summary>
    /// Checks that every subscription was renewed exactly once: one renewal payment each, succeeded, for cycle 2,
    /// the subscription on cycle 2 with its next period ahead, two audit entries and one receipt per renewal.
    /// </summary>
    public static void VerifyRenewedOnce(string connectionString, int organizations)
    {
        var now = (long)BenchDatabase.Instant.ConvertToProvider(BenchDatabase.Now)!;
        SweepDatabase.Check(
            connectionString,
            "The sweep did not renew every subscription exactly once.",
            ("renewal payments", "SELECT COUNT(*) FROM Payments WHERE Purpose = 'Renewal'", organizations),
            ("succeeded renewal payments for cycle 2", "SELECT COUNT(*) FROM Payments WHERE Purpose = 'Renewal' AND Status = 'Succeeded' AND BillingCycle = 2 AND Attempts = 1", organizations),
            ("subscriptions with a renewal payment", "SELECT COUNT(DISTINCT SubscriptionId) FROM Payments WHERE Purpose = 'Renewal'", organizations),
            ("subscriptions renewed to cycle 2", $"SELECT COUNT(*) FROM Subscriptions WHERE BillingCycle = 2 AND Status = 'Active' AND CurrentPeriodEnd > {now}", organizations),
            ("receipts queued", "SELECT COUNT(*) FROM EmailMessages WHERE Kind = 'payment-receipt'", organizations),
            ("audit entries", "SELECT COUNT(*) FROM AuditEntries", 2L * organizations));
    }

    private static void Fill(SqliteConnection connection, SqliteTransaction transaction, int organizations)
    {
        using var customers = new CustomerRows(connection, transaction, "renewal.example");
        using var subscription = BenchDatabase.Prepare(connection, transaction,
            "INSERT INTO Subscriptions (Id, OrganizationId, PlanCode, Status, CurrentPeriodStart, CurrentPeriodEnd, CancelAtPeriodEnd, CreatedAt, Version, " +
            "AnchorCycle, BillingAnchor, BillingCycle, FailedChargeAttempts) " +
            "VALUES ($id, $org, $plan, 'Active', $anchor, $end, 0, $created, $version, 1, $anchor, 1, 0)",
            "$id", "$org", "$plan", "$anchor", "$end", "$created", "$version");
        using var payment = BenchDatabase.Prepare(connection, transaction,
            "INSERT INTO Payments (Id, OrganizationId, SubscriptionId, Purpose, PlanCode, BillingCycle, Amount, Currency, Description, Status, " +
            "IdempotencyKey, Attempts, Provider, PaymentMethodId, CardMask, ProviderTransactionId, RefundedAmount, InitiatedByUserId, " +
            "CreatedAt, LastAttemptAt, SucceededAt, Version) " +
            "VALUES ($id, $org, $subscription, 'Subscription', $plan, 1, $amount, 'RUB', 'ProfilePortal: Monthly, 1 mo', 'Succeeded', " +
            "$key, 1, $provider, $card, $mask, $transaction, $refunded, $user, $at, $at, $at, $version)",
            "$id", "$org", "$subscription", "$plan", "$amount", "$key", "$provider", "$card", "$mask", "$transaction", "$refunded", "$user", "$at", "$version");

        var plan = PlanCatalog.Plans.Single(p => p.Code == PlanCode);
        for (var i = 0; i < organizations; i++)
        {
            // Periods bought a month ago, spread over the last day: all of them have ended by the benchmark's "now".
            var anchor = BenchDatabase.Now.AddMonths(-plan.DurationMonths).AddMinutes(-(i % 1440));
            var anchorValue = BenchDatabase.Instant.ConvertToProvider(anchor)!;
            var created = BenchDatabase.Instant.ConvertToProvider(anchor.AddDays(-(i % 300)))!;
            var userId = BenchDatabase.Text(UserId(i));
            var organizationId = BenchDatabase.Text(OrganizationId(i));
            var subscriptionId = SubscriptionId(i);
            var cardId = BenchDatabase.Text(PaymentMethodId(i));
            var card = customers.Insert(i, userId, organizationId, cardId, created, trialUsedAt: null, anchorValue);
            BenchDatabase.Run(subscription, BenchDatabase.Text(subscriptionId), organizationId, plan.Code, anchorValue,
                BenchDatabase.Instant.ConvertToProvider(anchor.AddMonths(plan.DurationMonths))!, created, BenchDatabase.Text(Guid.NewGuid()));
            BenchDatabase.Run(payment, BenchDatabase.Text(FirstPaymentId(i)), organizationId, BenchDatabase.Text(subscriptionId), plan.Code, plan.TotalPrice,
                Subscription.PaymentKey(subscriptionId, 1), SandboxGateway.ProviderName, cardId, card.Mask, $"sbx_first_{i:x12}", 0m, userId,
                anchorValue, BenchDatabase.Text(Guid.NewGuid()));
        }
    }
}
