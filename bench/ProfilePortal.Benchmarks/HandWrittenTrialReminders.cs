using Microsoft.Data.Sqlite;
using ProfilePortal.Domain.Notifications;
using static ProfilePortal.Benchmarks.HandWrittenSql;

namespace ProfilePortal.Benchmarks;

/// <summary>
/// The baseline of the trial reminder sweep: its reads and writes by hand, as fast as SQLite takes them. The same
/// passes as <c>TrialReminderService</c> (the shortest lead first, so a late trial gets only its latest reminder),
/// the same batches (<c>Trials:ReminderBatchSize</c>) and one transaction per batch: the reminder recorded on
/// the subscription (checked against its version) and the email to the person who started the trial in the
/// outbox. One joined query finds a batch and everything the email needs (plan, the trial's starter, the card)
/// over the (Status, CurrentPeriodEnd) index; prepared statements are reused for every row; the reminders are
/// rendered once beforehand (one per lead time and language) and only copied. The benchmark's data has one card
/// per organization and one running trial per subscription, so the joins need no tie-breaks.
/// </summary>
internal static class HandWrittenTrialReminders
{
    private const string DueSql = """
        SELECT s.Id, s.Version, s.TrialRemindersSent, s.TrialEndsAt, p.Name, p.TotalPrice, p.Currency, u.Email, u.PreferredLanguage, u.TimeZone, c.Last4
        FROM (SELECT Id FROM Subscriptions
              WHERE Status = 'Trialing' AND CancelAtPeriodEnd = 0 AND CurrentPeriodEnd > $now AND CurrentPeriodEnd <= $horizon
                AND TrialRemindersSent <= $stage
              ORDER BY CurrentPeriodEnd LIMIT $take) d
        JOIN Subscriptions s ON s.Id = d.Id
        JOIN Plans p ON p.Code = s.PlanCode
        LEFT JOIN Trials t ON t.SubscriptionId = s.Id AND t.Outcome = 'Running'
        LEFT JOIN AspNetUsers u ON u.Id = t.UserId
        LEFT JOIN PaymentMethods c ON c.OrganizationId = s.OrganizationId AND c.RemovedAt IS NULL
        ORDER BY s.CurrentPeriodEnd
        """;

    private const string RecordSql = """
        UPDATE Subscriptions SET TrialRemindersSent = $sent, Version = $version
        WHERE Id = $id AND Version = $old
        """;

    /// <summary>
    /// Queues the reminders due at <paramref name="now"/> for <paramref name="leads"/> (longest first, as
    /// <c>TrialOptions.Reminders</c>); <paramref name="rendered"/> holds, per lead, the email per language.
    /// Returns how many were queued.
    /// </summary>
    public static int Run(
        string connectionString, DateTimeOffset now, int batchSize, IReadOnlyList<TimeSpan> leads, IReadOnlyList<IReadOnlyDictionary<string, RenderedEmail>> rendered)
    {
        using var connection = Open(connectionString);
        var nowValue = ToStore(now);
        var sent = 0;
        for (var stage = leads.Count - 1; stage >= 0; stage--)
        {
            while (true)
            {
                var due = ReadDue(connection, nowValue, ToStore(now + leads[stage]), stage, batchSize);
                if (due.Count == 0)
                {
                    break;
                }

                using (var transaction = connection.BeginTransaction())
                {
                    using var record = BenchDatabase.Prepare(connection, transaction, RecordSql, "$sent", "$version", "$id", "$old");
                    using var email = BenchDatabase.Prepare(connection, transaction, EmailSql, EmailParameters);
                    foreach (var row in due)
                    {
                        if (ReminderDue(row, leads, now) is not { } index)
                        {
                            continue;
                        }

                        Expect(record, 1, index + 1, NewVersion(), row.SubscriptionId, row.Version);
                        if (row.Email is not null)
                        {
                            QueueEmail(email, TrialReminderModel.Kind, row.Email, row.Language!, For(rendered[index], row.Language!), now);
                            sent++;
                        }
                    }

                    transaction.Commit();
                }

                if (due.Count < batchSize)
                {
                    break;
                }
            }
        }

        return sent;
    }

    /// <summary>As <c>Subscription.TrialReminderDue</c>: the latest reminder not yet sent whose lead time has come.</summary>
    private static int? ReminderDue(DueRow row, IReadOnlyList<TimeSpan> leads, DateTimeOffset now)
    {
        int? due = null;
        for (var i = row.RemindersSent; i < leads.Count; i++)
        {
            if (now >= row.TrialEnd - leads[i])
            {
                due = i;
            }
        }

        return due;
    }

    private static List<DueRow> ReadDue(SqliteConnection connection, long now, long horizon, int stage, int take)
    {
        using var command = connection.CreateCommand();
        command.CommandText = DueSql;
        command.Parameters.AddWithValue("$now", now);
        command.Parameters.AddWithValue("$horizon", horizon);
        command.Parameters.AddWithValue("$stage", stage);
        command.Parameters.AddWithValue("$take", take);
        using var reader = command.ExecuteReader();
        var rows = new List<DueRow>(take);
        while (reader.Read())
        {
            // The plan, the amount, the time zone and the card are what the email shows; read as the service reads
            // them, though the copied email does not use them.
            _ = (reader.GetString(4), reader.GetDecimal(5), reader.GetString(6), reader.IsDBNull(9) ? null : reader.GetString(9),
                reader.IsDBNull(10) ? null : reader.GetString(10));
            rows.Add(new DueRow(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetInt32(2),
                FromStore(reader.GetInt64(3)),
                reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetString(8)));
        }

        return rows;
    }

    private sealed record DueRow(string SubscriptionId, string Version, int RemindersSent, DateTimeOffset TrialEnd, string? Email, string? Language);
}
