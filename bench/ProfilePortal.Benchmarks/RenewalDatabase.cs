using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Infrastructure.Payments.Sandbox;
using ProfilePortal.Infrastructure.Persistence;

namespace ProfilePortal.Benchmarks;

/// <summary>
/// The renewal sweep's data: organizations, each with an owner, a paid <c>new_monthly</c> subscription in its first
/// cycle whose period ended within the last day, the payment of that first cycle and a saved sandbox card. The
/// template is migrated with the real migrations, filled with raw prepared statements in the shapes EF Core writes
/// (see <see cref="BenchDatabase"/>) and reused across runs; a sweep consumes the due rows, so every measured run
/// works on a fresh copy of it.
/// </summary>
internal static class RenewalDatabase
{
    public const string PlanCode = "new_monthly";

    /// <summary>The organizations due for renewal (<c>BENCH_RENEWALS</c>, default 100,000).</summary>
    public static int Organizations => BenchDatabase.Setting("BENCH_RENEWALS", 100_000);

    public static string TemplatePath(int organizations) => Path.Combine(BenchDatabase.DataDirectory, $"renewal-{organizations}.db");

    public static string ConnectionString(string path) => $"Data Source={path}";

    /// <summary>Builds the template for <paramref name="organizations"/> unless it is already there; returns its path.</summary>
    public static async Task<string> PrepareTemplateAsync(int organizations)
    {
        var path = TemplatePath(organizations);
        Directory.CreateDirectory(BenchDatabase.DataDirectory);
        await using (var services = BenchServices.Create(ConnectionString(path)))
        {
            await services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        }

        using (var connection = new SqliteConnection(ConnectionString(path)))
        {
            connection.Open();
            var subscriptions = BenchDatabase.Scalar(connection, "SELECT COUNT(*) FROM Subscriptions");
            if (subscriptions != organizations)
            {
                if (subscriptions != 0)
                {
                    throw new InvalidOperationException($"{path} holds {subscriptions:N0} subscriptions, not {organizations:N0}; delete it to rebuild.");
                }

                var clock = Stopwatch.StartNew();
                Fill(connection, organizations);
                Console.WriteLine($"  {organizations:N0} organizations with owners, due subscriptions, first payments and cards in {clock.Elapsed:mm\\:ss}");
            }

            // Everything in the main file, so a plain file copy is a complete database.
            BenchDatabase.Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
        }

        SqliteConnection.ClearAllPools();
        return path;
    }

    /// <summary>
    /// A fresh copy of the template at <paramref name="path"/> (any older copy and its WAL removed first), flushed to
    /// the disk: otherwise the sweep's first commits wait for the copy's writeback and the runs vary by tens of seconds.
    /// </summary>
    public static void CopyTemplate(string template, string path)
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }

        using var source = new FileStream(template, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        using var copy = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20);
        source.CopyTo(copy);
        copy.Flush(flushToDisk: true);
    }

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
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        var now = (long)BenchDatabase.Instant.ConvertToProvider(BenchDatabase.Now)!;
        (string What, string Sql, long Expected)[] checks =
        [
            ("renewal payments", "SELECT COUNT(*) FROM Payments WHERE Purpose = 'Renewal'", organizations),
            ("succeeded renewal payments for cycle 2", "SELECT COUNT(*) FROM Payments WHERE Purpose = 'Renewal' AND Status = 'Succeeded' AND BillingCycle = 2 AND Attempts = 1", organizations),
            ("subscriptions with a renewal payment", "SELECT COUNT(DISTINCT SubscriptionId) FROM Payments WHERE Purpose = 'Renewal'", organizations),
            ("subscriptions renewed to cycle 2", $"SELECT COUNT(*) FROM Subscriptions WHERE BillingCycle = 2 AND Status = 'Active' AND CurrentPeriodEnd > {now}", organizations),
            ("receipts queued", "SELECT COUNT(*) FROM EmailMessages WHERE Kind = 'payment-receipt'", organizations),
            ("audit entries", "SELECT COUNT(*) FROM AuditEntries", 2L * organizations),
        ];
        var failures = checks
            .Select(check => (check.What, check.Expected, Actual: BenchDatabase.Scalar(connection, check.Sql)))
            .Where(check => check.Actual != check.Expected)
            .Select(check => $"{check.What}: {check.Actual:N0}, expected {check.Expected:N0}")
            .ToList();
        if (failures.Count > 0)
        {
            throw new InvalidOperationException($"The sweep did not renew every subscription exactly once. {string.Join("; ", failures)}.");
        }
    }

    private static void Fill(SqliteConnection connection, int organizations)
    {
        BenchDatabase.Execute(connection, "PRAGMA synchronous=OFF; PRAGMA cache_size=-200000;");
        using var transaction = connection.BeginTransaction();
        using var user = BenchDatabase.Prepare(connection, transaction,
            "INSERT INTO AspNetUsers (Id, FirstName, LastName, Company, Country, TimeZone, PreferredLanguage, CreatedAt, TrialUsed, " +
            "UserName, NormalizedUserName, Email, NormalizedEmail, EmailConfirmed, SecurityStamp, ConcurrencyStamp, " +
            "PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount, NotifyWhenQuotaLow) " +
            "VALUES ($id, $first, $last, 'Company', 'RU', 'Europe/Moscow', $language, $created, 1, $email, $upper, $email, $upper, 1, $stamp, $stamp, 0, 0, 1, 0, 1)",
            "$id", "$first", "$last", "$language", "$created", "$email", "$upper", "$stamp");
        using var organization = BenchDatabase.Prepare(connection, transaction,
            "INSERT INTO Organizations (Id, Name, IsPersonal, CreatedAt) VALUES ($id, $name, 1, $created)", "$id", "$name", "$created");
        using var membership = BenchDatabase.Prepare(connection, transaction,
            "INSERT INTO Memberships (OrganizationId, UserId, Role, JoinedAt) VALUES ($org, $user, 'Owner', $created)", "$org", "$user", "$created");
        using var card = BenchDatabase.Prepare(connection, transaction,
            "INSERT INTO PaymentMethods (Id, OrganizationId, Provider, Token, Brand, Last4, ExpiryMonth, ExpiryYear, Fingerprint, AddedByUserId, AddedAt) " +
            "VALUES ($id, $org, $provider, $token, $brand, $last4, $month, $year, $fingerprint, $user, $added)",
            "$id", "$org", "$provider", "$token", "$brand", "$last4", "$month", "$year", "$fingerprint", "$user", "$added");
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
            var email = $"owner{i}@renewal.example";
            BenchDatabase.Run(user, userId, $"First{i}", $"Last{i}", i % 2 == 0 ? "ru" : "en", created, email, email.ToUpperInvariant(), Guid.NewGuid().ToString());
            BenchDatabase.Run(organization, organizationId, $"Org {i}", created);
            BenchDatabase.Run(membership, organizationId, userId, created);

            // A real sandbox token (it must parse when charged), valid for years after the benchmark's "now".
            var details = SandboxCards.Tokenize("4242424242424242", 12, BenchDatabase.Now.Year + 4, "123", BenchDatabase.Now).Value;
            BenchDatabase.Run(card, cardId, organizationId, SandboxGateway.ProviderName, details.Token, details.Brand, details.Last4,
                details.ExpiryMonth, details.ExpiryYear, (object?)details.Fingerprint ?? DBNull.Value, userId, anchorValue);
            BenchDatabase.Run(subscription, BenchDatabase.Text(subscriptionId), organizationId, plan.Code, anchorValue,
                BenchDatabase.Instant.ConvertToProvider(anchor.AddMonths(plan.DurationMonths))!, created, BenchDatabase.Text(Guid.NewGuid()));
            BenchDatabase.Run(payment, BenchDatabase.Text(FirstPaymentId(i)), organizationId, BenchDatabase.Text(subscriptionId), plan.Code, plan.TotalPrice,
                Subscription.PaymentKey(subscriptionId, 1), SandboxGateway.ProviderName, cardId, details.Mask, $"sbx_first_{i:x12}", 0m, userId,
                anchorValue, BenchDatabase.Text(Guid.NewGuid()));
        }

        transaction.Commit();
    }
}
