using System.Globalization;
using Microsoft.Data.Sqlite;
using ProfilePortal.Domain.Notifications;

namespace ProfilePortal.Benchmarks;

/// <summary>
/// The baseline: the database writes of the renewal sweep done by hand, as fast as SQLite takes them. The same
/// batches (<c>Billing:RenewalBatchSize</c>) and the same two transactions per batch as
/// <c>RenewalService</c>: first the payments with their attempt opened, then the outcomes — payment succeeded,
/// subscription moved on (cycle, period, status, version, checked against the old version), two audit entries
/// and the receipt in the outbox. One joined query finds a batch and everything it needs over the
/// (Status, CurrentPeriodEnd) index; prepared statements are reused for every row; receipts are rendered once
/// beforehand (one per language) and only copied. No gateway and no rendering: this is the database's own rate
/// for the sweep's reads and writes. The benchmark's data has one card and one owner per organization and no
/// subscription cancelled for the period end, so the joins need no tie-breaks and nothing is ended.
/// </summary>
internal static class HandWrittenRenewals
{
    // The sweep's due subscriptions (active ones not postponed, past due ones whose retry has come), oldest period
    // end first: each status is a range of the (Status, CurrentPeriodEnd) index read in order and cut at the batch
    // size, so a batch never reads more than two batches' worth of rows.
    private const string DueSql = """
        SELECT s.Id, s.OrganizationId, s.BillingCycle, s.AnchorCycle, s.BillingAnchor, s.CurrentPeriodEnd, s.Version,
               p.Code, p.Name, p.TotalPrice, p.Currency, p.DurationMonths, c.Id, c.Last4, u.Email, u.PreferredLanguage
        FROM (SELECT Id, CurrentPeriodEnd FROM (
                SELECT * FROM (SELECT Id, CurrentPeriodEnd FROM Subscriptions
                               WHERE Status = 'Active' AND CurrentPeriodEnd <= $now AND PlanCode <> 'free' AND CancelAtPeriodEnd = 0
                                 AND (NextChargeAttemptAt IS NULL OR NextChargeAttemptAt <= $now)
                               ORDER BY CurrentPeriodEnd LIMIT $take)
                UNION ALL
                SELECT * FROM (SELECT Id, CurrentPeriodEnd FROM Subscriptions
                               WHERE Status = 'PastDue' AND CurrentPeriodEnd <= $now AND PlanCode <> 'free' AND CancelAtPeriodEnd = 0
                                 AND NextChargeAttemptAt <= $now
                               ORDER BY CurrentPeriodEnd LIMIT $take))
              ORDER BY CurrentPeriodEnd LIMIT $take) d
        JOIN Subscriptions s ON s.Id = d.Id
        JOIN Plans p ON p.Code = s.PlanCode
        JOIN PaymentMethods c ON c.OrganizationId = s.OrganizationId AND c.RemovedAt IS NULL
        JOIN Memberships m ON m.OrganizationId = s.OrganizationId AND m.Role = 'Owner'
        JOIN AspNetUsers u ON u.Id = m.UserId
        ORDER BY d.CurrentPeriodEnd
        """;

    private const string OpenPaymentSql = """
        INSERT INTO Payments (Id, OrganizationId, SubscriptionId, Purpose, PlanCode, BillingCycle, Amount, Currency, Description, Status,
                              IdempotencyKey, Attempts, Provider, PaymentMethodId, CardMask, RefundedAmount, CreatedAt, LastAttemptAt, Version)
        VALUES ($id, $org, $subscription, 'Renewal', $plan, $cycle, $amount, $currency, $description, 'Pending',
                $key, 1, 'sandbox', $card, $mask, $refunded, $now, $now, $version)
        """;

    private const string SucceedPaymentSql = """
        UPDATE Payments SET Status = 'Succeeded', ProviderTransactionId = $transaction, SucceededAt = $now, Version = $version
        WHERE Id = $id AND Version = $old
        """;

    private const string RenewSubscriptionSql = """
        UPDATE Subscriptions SET BillingCycle = $cycle, CurrentPeriodStart = $start, CurrentPeriodEnd = $end, Status = 'Active',
                                 NextChargeAttemptAt = NULL, FailedChargeAttempts = 0, Version = $version
        WHERE Id = $id AND Version = $old
        """;

    private const string AuditSql = """
        INSERT INTO AuditEntries (Id, OccurredAt, ActorUserId, Action, TargetType, TargetId, OrganizationId, Changes)
        VALUES ($id, $now, NULL, $action, $type, $target, $org, $changes)
        """;

    private const string ReceiptSql = """
        INSERT INTO EmailMessages (Id, Kind, ToAddress, Language, Subject, HtmlBody, TextBody, Status, Attempts, CreatedAt, NextAttemptAt)
        VALUES ($id, 'payment-receipt', $to, $language, $subject, $html, $text, 'Pending', 0, $now, $now)
        """;

    /// <summary>Renews every due subscription; returns how many.</summary>
    public static int Run(string connectionString, DateTimeOffset now, int batchSize, IReadOnlyDictionary<string, RenderedEmail> receipts)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        // What EF Core's SQLite provider does on every connection it opens.
        BenchDatabase.Execute(connection, "PRAGMA foreign_keys = 1;");
        var nowValue = ToStore(now);
        var renewed = 0;
        while (true)
        {
            var due = ReadDue(connection, nowValue, batchSize);
            if (due.Count == 0)
            {
                return renewed;
            }

            // Transaction 1: a payment per due subscription, its attempt opened.
            using (var transaction = connection.BeginTransaction())
            {
                using var open = BenchDatabase.Prepare(connection, transaction, OpenPaymentSql,
                    "$id", "$org", "$subscription", "$plan", "$cycle", "$amount", "$currency", "$description", "$key", "$card", "$mask", "$refunded", "$now", "$version");
                foreach (var row in due)
                {
                    BenchDatabase.Run(open, row.PaymentId, row.OrganizationId, row.SubscriptionId, row.PlanCode, row.BillingCycle + 1, row.Amount, row.Currency,
                        row.Description, row.PaymentKey, row.CardId, row.CardMask, 0m, nowValue, row.PaymentVersion);
                }

                transaction.Commit();
            }

            // Transaction 2: the outcomes.
            using (var transaction = connection.BeginTransaction())
            {
                using var succeed = BenchDatabase.Prepare(connection, transaction, SucceedPaymentSql, "$transaction", "$now", "$version", "$id", "$old");
                using var renew = BenchDatabase.Prepare(connection, transaction, RenewSubscriptionSql, "$cycle", "$start", "$end", "$version", "$id", "$old");
                using var audit = BenchDatabase.Prepare(connection, transaction, AuditSql, "$id", "$now", "$action", "$type", "$target", "$org", "$changes");
                using var receipt = BenchDatabase.Prepare(connection, transaction, ReceiptSql, "$id", "$to", "$language", "$subject", "$html", "$text", "$now");
                foreach (var row in due)
                {
                    var transactionId = "sbx_" + row.PaymentGuid.ToString("N")[..20];
                    Expect(succeed, 1, transactionId, nowValue, BenchDatabase.Text(Guid.NewGuid()), row.PaymentId, row.PaymentVersion);
                    var cycle = row.BillingCycle + 1;
                    var end = row.Anchor.AddMonths((cycle - row.AnchorCycle + 1) * row.DurationMonths);
                    Expect(renew, 1, cycle, ToStore(row.PeriodEnd), ToStore(end), BenchDatabase.Text(Guid.NewGuid()), row.SubscriptionId, row.SubscriptionVersion);
                    BenchDatabase.Run(audit, NewId(now), nowValue, "payment.succeeded", "payment", row.PaymentGuid.ToString(), row.OrganizationId,
                        $$$"""{"Status":{"from":"Pending","to":"Succeeded"},"TransactionId":{"from":null,"to":"{{{transactionId}}}"}}""");
                    BenchDatabase.Run(audit, NewId(now), nowValue, "subscription.renewed", "subscription", row.SubscriptionGuid.ToString(), row.OrganizationId,
                        $$$"""{"PeriodEnd":{"from":"{{{Iso(row.PeriodEnd)}}}","to":"{{{Iso(end)}}}"},"Status":{"from":"Active","to":"Active"},"Payment":{"from":null,"to":"{{{row.PaymentGuid}}}"}}""");
                    var content = receipts.TryGetValue(row.Language, out var rendered) ? rendered : receipts.Values.First();
                    BenchDatabase.Run(receipt, NewId(now), row.Email, row.Language, content.Subject, content.HtmlBody, content.TextBody, nowValue);
                    renewed++;
                }

                transaction.Commit();
            }
        }
    }

    private static List<DueRow> ReadDue(SqliteConnection connection, long now, int take)
    {
        using var command = connection.CreateCommand();
        command.CommandText = DueSql;
        command.Parameters.AddWithValue("$now", now);
        command.Parameters.AddWithValue("$take", take);
        using var reader = command.ExecuteReader();
        var rows = new List<DueRow>(take);
        var created = BenchDatabase.Now;
        while (reader.Read())
        {
            var subscription = reader.GetGuid(0);
            var payment = Guid.CreateVersion7(created);
            var cycle = reader.GetInt32(2);
            rows.Add(new DueRow(
                subscription,
                BenchDatabase.Text(subscription),
                reader.GetString(1),
                cycle,
                reader.GetInt32(3),
                FromStore(reader.GetInt64(4)),
                FromStore(reader.GetInt64(5)),
                reader.GetString(6),
                reader.GetString(7),
                $"ProfilePortal: {reader.GetString(8)}, renewal",
                reader.GetDecimal(9),
                reader.GetString(10),
                reader.GetInt32(11),
                reader.GetString(12),
                $"•••• {reader.GetString(13)}",
                reader.GetString(14),
                reader.GetString(15),
                payment,
                BenchDatabase.Text(payment),
                $"{subscription:N}:{cycle + 1}",
                BenchDatabase.Text(Guid.NewGuid())));
        }

        return rows;
    }

    private static void Expect(SqliteCommand command, int rows, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }

        var changed = command.ExecuteNonQuery();
        if (changed != rows)
        {
            throw new InvalidOperationException($"Expected {rows} row(s) changed, got {changed}: a concurrent change.");
        }
    }

    private static string NewId(DateTimeOffset now) => BenchDatabase.Text(Guid.CreateVersion7(now));

    private static long ToStore(DateTimeOffset instant) => (long)BenchDatabase.Instant.ConvertToProvider(instant)!;

    private static DateTimeOffset FromStore(long value) => (DateTimeOffset)BenchDatabase.Instant.ConvertFromProvider(value)!;

    // As System.Text.Json writes it in the service's audit entries, '+' escaped.
    private static string Iso(DateTimeOffset instant) =>
        instant.ToString("O", CultureInfo.InvariantCulture).Replace("+", "\\u002B", StringComparison.Ordinal);

    private sealed record DueRow(
        Guid SubscriptionGuid,
        string SubscriptionId,
        string OrganizationId,
        int BillingCycle,
        int AnchorCycle,
        DateTimeOffset Anchor,
        DateTimeOffset PeriodEnd,
        string SubscriptionVersion,
        string PlanCode,
        string Description,
        decimal Amount,
        string Currency,
        int DurationMonths,
        string CardId,
        string CardMask,
        string Email,
        string Language,
        Guid PaymentGuid,
        string PaymentId,
        string PaymentKey,
        string PaymentVersion);
}
