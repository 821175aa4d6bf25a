using Microsoft.Data.Sqlite;
using ProfilePortal.Domain.Notifications;
using static ProfilePortal.Benchmarks.HandWrittenSql;

namespace ProfilePortal.Benchmarks;

/// <summary>
/// The baseline: the database writes of the renewal sweep done by hand, as fast as SQLite takes them, for both
/// kinds of due subscription the sweep charges — paid periods that renew and trials that convert. The same
/// batches (<c>Billing:RenewalBatchSize</c>) and the same two transactions per batch as <c>RenewalService</c>:
/// first the payments with their attempt opened, then the outcomes — payment succeeded, subscription moved on
/// (cycle, period, status, version, checked against the old version; a conversion also anchors the billing at the
/// trial's end), a converted trial's ledger row ended as Converted (checked against its version), two audit
/// entries and the receipt in the outbox. One joined query finds a batch and everything it needs over the
/// (Status, CurrentPeriodEnd) index; prepared statements are reused for every row; receipts are rendered once
/// beforehand (one per language and kind of payment) and only copied. No gateway and no rendering: this is the
/// database's own rate for the sweep's reads and writes. The benchmark's data has one card and one owner per
/// organization, at most one running trial per subscription and no subscription cancelled for the period end, so
/// the joins need no tie-breaks and nothing is ended.
/// </summary>
internal static class HandWrittenRenewals
{
    // The sweep's due subscriptions (active ones not postponed, trials at their end, past due ones whose retry has
    // come), oldest period end first: each status is a range of the (Status, CurrentPeriodEnd) index read in order
    // and cut at the batch size, so a batch never reads more than three batches' worth of rows. A subscription
    // converts its trial when no period was paid since the trial started (Subscription.ConvertsTrial).
    private const string DueSql = """
        SELECT s.Id, s.OrganizationId, s.BillingCycle, s.AnchorCycle, s.BillingAnchor, s.CurrentPeriodEnd, s.Version,
               p.Code, p.Name, p.TotalPrice, p.Currency, p.DurationMonths, c.Id, c.Last4, u.Email, u.PreferredLanguage,
               s.TrialEndsAt, t.Id, t.Version
        FROM (SELECT Id, CurrentPeriodEnd FROM (
                SELECT * FROM (SELECT Id, CurrentPeriodEnd FROM Subscriptions
                               WHERE Status = 'Active' AND CurrentPeriodEnd <= $now AND PlanCode <> 'free' AND CancelAtPeriodEnd = 0
                                 AND (NextChargeAttemptAt IS NULL OR NextChargeAttemptAt <= $now)
                               ORDER BY CurrentPeriodEnd LIMIT $take)
                UNION ALL
                SELECT * FROM (SELECT Id, CurrentPeriodEnd FROM Subscriptions
                               WHERE Status = 'Trialing' AND CurrentPeriodEnd <= $now AND PlanCode <> 'free' AND CancelAtPeriodEnd = 0
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
        LEFT JOIN Trials t ON s.BillingAnchor IS NULL AND s.TrialStartedAt IS NOT NULL AND t.SubscriptionId = s.Id AND t.Outcome = 'Running'
        ORDER BY d.CurrentPeriodEnd
        """;

    private const string OpenPaymentSql = """
        INSERT INTO Payments (Id, OrganizationId, SubscriptionId, Purpose, PlanCode, BillingCycle, Amount, Currency, Description, Status,
                              IdempotencyKey, Attempts, Provider, PaymentMethodId, CardMask, RefundedAmount, CreatedAt, LastAttemptAt, Version)
        VALUES ($id, $org, $subscription, $purpose, $plan, $cycle, $amount, $currency, $description, 'Pending',
                $key, 1, 'sandbox', $card, $mask, $refunded, $now, $now, $version)
        """;

    private const string SucceedPaymentSql = """
        UPDATE Payments SET Status = 'Succeeded', ProviderTransactionId = $transaction, SucceededAt = $now, Version = $version
        WHERE Id = $id AND Version = $old
        """;

    private const string RenewSubscriptionSql = """
        UPDATE Subscriptions SET BillingCycle = $cycle, CurrentPeriodStart = $start, CurrentPeriodEnd = $end, Status = 'Active',
                                 NextChargeAttemptAt = NULL, FailedChargeAttempts = 0, GraceEndsAt = NULL, Version = $version
        WHERE Id = $id AND Version = $old
        """;

    private const string ConvertSubscriptionSql = """
        UPDATE Subscriptions SET BillingCycle = $cycle, AnchorCycle = $cycle, BillingAnchor = $start, CurrentPeriodStart = $start,
                                 CurrentPeriodEnd = $end, Status = 'Active', NextChargeAttemptAt = NULL, FailedChargeAttempts = 0,
                                 GraceEndsAt = NULL, Version = $version
        WHERE Id = $id AND Version = $old
        """;

    private const string ConvertTrialSql = """
        UPDATE Trials SET Outcome = 'Converted', OutcomeAt = $now, Version = $version
        WHERE Id = $id AND Version = $old
        """;

    /// <summary>Renews or converts every due subscription; returns how many of each.</summary>
    public static (int Renewed, int Converted) Run(string connectionString, DateTimeOffset now, int batchSize, Receipts receipts)
    {
        using var connection = Open(connectionString);
        var nowValue = ToStore(now);
        var renewed = 0;
        var converted = 0;
        while (true)
        {
            var due = ReadDue(connection, nowValue, batchSize);
            if (due.Count == 0)
            {
                return (renewed, converted);
            }

            // Transaction 1: a payment per due subscription, its attempt opened.
            using (var transaction = connection.BeginTransaction())
            {
                using var open = BenchDatabase.Prepare(connection, transaction, OpenPaymentSql,
                    "$id", "$org", "$subscription", "$purpose", "$plan", "$cycle", "$amount", "$currency", "$description", "$key", "$card", "$mask", "$refunded",
                    "$now", "$version");
                foreach (var row in due)
                {
                    BenchDatabase.Run(open, row.PaymentId, row.OrganizationId, row.SubscriptionId, row.Converts ? "TrialConversion" : "Renewal", row.PlanCode,
                        row.BillingCycle + 1, row.Amount, row.Currency, row.Description, row.PaymentKey, row.CardId, row.CardMask, 0m, nowValue, row.PaymentVersion);
                }

                transaction.Commit();
            }

            // Transaction 2: the outcomes.
            using (var transaction = connection.BeginTransaction())
            {
                using var succeed = BenchDatabase.Prepare(connection, transaction, SucceedPaymentSql, "$transaction", "$now", "$version", "$id", "$old");
                using var renew = BenchDatabase.Prepare(connection, transaction, RenewSubscriptionSql, "$cycle", "$start", "$end", "$version", "$id", "$old");
                using var convert = BenchDatabase.Prepare(connection, transaction, ConvertSubscriptionSql, "$cycle", "$start", "$end", "$version", "$id", "$old");
                using var endTrial = BenchDatabase.Prepare(connection, transaction, ConvertTrialSql, "$now", "$version", "$id", "$old");
                using var audit = BenchDatabase.Prepare(connection, transaction, AuditSql, AuditParameters);
                using var receipt = BenchDatabase.Prepare(connection, transaction, EmailSql, EmailParameters);
                foreach (var row in due)
                {
                    var transactionId = "sbx_" + row.PaymentGuid.ToString("N")[..20];
                    Expect(succeed, 1, transactionId, nowValue, NewVersion(), row.PaymentId, row.PaymentVersion);
                    BenchDatabase.Run(audit, NewId(now), nowValue, "payment.succeeded", "payment", row.PaymentGuid.ToString(), row.OrganizationId,
                        $$$"""{"Status":{"from":"Pending","to":"Succeeded"},"TransactionId":{"from":null,"to":"{{{transactionId}}}"}}""");
                    var cycle = row.BillingCycle + 1;
                    if (row.Converts)
                    {
                        // The first paid period starts where the trial ended.
                        var start = row.TrialEnd!.Value;
                        var end = start.AddMonths(row.DurationMonths);
                        Expect(convert, 1, cycle, ToStore(start), ToStore(end), NewVersion(), row.SubscriptionId, row.SubscriptionVersion);
                        BenchDatabase.Run(audit, NewId(now), nowValue, "subscription.trial_converted", "subscription", row.SubscriptionGuid.ToString(), row.OrganizationId,
                            $$$"""{"Status":{"from":"Trialing","to":"Active"},"PeriodEnd":{"from":null,"to":"{{{Iso(end)}}}"},"Payment":{"from":null,"to":"{{{row.PaymentGuid}}}"}}""");
                        if (row.TrialId is not null)
                        {
                            Expect(endTrial, 1, nowValue, NewVersion(), row.TrialId, row.TrialVersion!);
                        }

                        converted++;
                    }
                    else
                    {
                        var end = row.Anchor!.Value.AddMonths((cycle - row.AnchorCycle + 1) * row.DurationMonths);
                        Expect(renew, 1, cycle, ToStore(row.PeriodEnd), ToStore(end), NewVersion(), row.SubscriptionId, row.SubscriptionVersion);
                        BenchDatabase.Run(audit, NewId(now), nowValue, "subscription.renewed", "subscription", row.SubscriptionGuid.ToString(), row.OrganizationId,
                            $$$"""{"PeriodEnd":{"from":"{{{Iso(row.PeriodEnd)}}}","to":"{{{Iso(end)}}}"},"Status":{"from":"Active","to":"Active"},"Payment":{"from":null,"to":"{{{row.PaymentGuid}}}"}}""");
                        renewed++;
                    }

                    QueueEmail(receipt, PaymentReceiptModel.Kind, row.Email, row.Language, For(row.Converts ? receipts.Conversion : receipts.Renewal, row.Language), now);
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
            var anchor = reader.IsDBNull(4) ? (DateTimeOffset?)null : FromStore(reader.GetInt64(4));
            // Subscription.ConvertsTrial: a trial started (it has an end) and no period was paid since (no anchor).
            var converts = anchor is null && !reader.IsDBNull(16);
            var plan = reader.GetString(8);
            var months = reader.GetInt32(11);
            rows.Add(new DueRow(
                subscription,
                BenchDatabase.Text(subscription),
                reader.GetString(1),
                cycle,
                reader.GetInt32(3),
                anchor,
                FromStore(reader.GetInt64(5)),
                reader.GetString(6),
                reader.GetString(7),
                converts ? $"ProfilePortal: {plan}, {months} mo after the trial" : $"ProfilePortal: {plan}, renewal",
                reader.GetDecimal(9),
                reader.GetString(10),
                months,
                reader.GetString(12),
                $"•••• {reader.GetString(13)}",
                reader.GetString(14),
                reader.GetString(15),
                payment,
                BenchDatabase.Text(payment),
                $"{subscription:N}:{cycle + 1}",
                NewVersion(),
                converts,
                converts ? FromStore(reader.GetInt64(16)) : null,
                reader.IsDBNull(17) ? null : reader.GetString(17),
                reader.IsDBNull(18) ? null : reader.GetString(18)));
        }

        return rows;
    }

    /// <summary>The receipts the hand-written side copies, rendered once per language: a renewal's and a trial conversion's.</summary>
    public sealed record Receipts(IReadOnlyDictionary<string, RenderedEmail> Renewal, IReadOnlyDictionary<string, RenderedEmail> Conversion);

    private sealed record DueRow(
        Guid SubscriptionGuid,
        string SubscriptionId,
        string OrganizationId,
        int BillingCycle,
        int AnchorCycle,
        DateTimeOffset? Anchor,
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
        string PaymentVersion,
        bool Converts,
        DateTimeOffset? TrialEnd,
        string? TrialId,
        string? TrialVersion);
}
