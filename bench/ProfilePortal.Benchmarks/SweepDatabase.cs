using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Infrastructure.Persistence;

namespace ProfilePortal.Benchmarks;

/// <summary>
/// The template databases of the sweep benchmarks: migrated with the real migrations, filled with raw prepared
/// statements in the shapes EF Core writes (see <see cref="BenchDatabase"/>) and reused across runs; a sweep
/// consumes its input, so every measured run works on a fresh copy of its template.
/// </summary>
internal static class SweepDatabase
{
    public static string ConnectionString(string path) => $"Data Source={path}";

    /// <summary>
    /// Builds the template at <paramref name="path"/> for <paramref name="organizations"/> unless it is already
    /// there (it counts its subscriptions); <paramref name="fill"/> writes the rows inside one transaction.
    /// Returns the path.
    /// </summary>
    public static async Task<string> PrepareTemplateAsync(string path, int organizations, string what, Action<SqliteConnection, SqliteTransaction> fill)
    {
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
                BenchDatabase.Execute(connection, "PRAGMA synchronous=OFF; PRAGMA cache_size=-200000;");
                using (var transaction = connection.BeginTransaction())
                {
                    fill(connection, transaction);
                    transaction.Commit();
                }

                Console.WriteLine($"  {organizations:N0} {what} in {clock.Elapsed:mm\\:ss}");
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

    /// <summary>Runs each counting query and throws, naming every mismatch, unless all give their expected count.</summary>
    public static void Check(string connectionString, string failure, params (string What, string Sql, long Expected)[] checks)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        var failures = checks
            .Select(check => (check.What, check.Expected, Actual: BenchDatabase.Scalar(connection, check.Sql)))
            .Where(check => check.Actual != check.Expected)
            .Select(check => $"{check.What}: {check.Actual:N0}, expected {check.Expected:N0}")
            .ToList();
        if (failures.Count > 0)
        {
            throw new InvalidOperationException($"{failure} {string.Join("; ", failures)}.");
        }
    }

    /// <summary>
    /// A digest of the rows a sweep writes, to compare two sides that should write the same: every column of the
    /// subscriptions and the trial ledger but the versions (new GUIDs on every write), the payments but their ids,
    /// versions and provider transaction ids, and of the audit entries and the emails what does not name a payment
    /// or depend on the rendering (the hand-written sides copy a pre-rendered email).
    /// </summary>
    public static string SweepWritesDigest(string connectionString) => Digest(
        connectionString,
        """
        SELECT Id, OrganizationId, PlanCode, Status, CurrentPeriodStart, CurrentPeriodEnd, TrialStartedAt, TrialEndsAt, CancelAtPeriodEnd,
               CancellationReason, CanceledAt, DiscountPercent, DiscountExpiresAt, PausedAt, PauseEndsAt, CreatedAt, AnchorCycle, BillingAnchor,
               BillingCycle, FailedChargeAttempts, NextChargeAttemptAt, GraceEndsAt, TrialRemindersSent
        FROM Subscriptions ORDER BY Id
        """,
        """
        SELECT Id, UserId, OrganizationId, SubscriptionId, PlanCode, StartedAt, EndsAt, IpAddress, CardFingerprint, Outcome, OutcomeAt
        FROM Trials ORDER BY Id
        """,
        """
        SELECT OrganizationId, SubscriptionId, Purpose, PlanCode, PackCode, BillingCycle, Amount, Currency, Description, Status, IdempotencyKey,
               Attempts, Provider, PaymentMethodId, CardMask, FailureCode, FailureReason, DeclineKind, RefundedAmount, InitiatedByUserId, CreatedAt,
               LastAttemptAt, SucceededAt
        FROM Payments ORDER BY IdempotencyKey
        """,
        "SELECT ActorUserId, Action, TargetType, OrganizationId, OccurredAt FROM AuditEntries ORDER BY OrganizationId, Action, TargetType",
        "SELECT Kind, ToAddress, Language, UnsubscribeUrl, Status, Attempts, CreatedAt, NextAttemptAt FROM EmailMessages ORDER BY ToAddress, Kind");

    /// <summary>
    /// A digest of what each of <paramref name="queries"/> reads (every column of every row, in its order): two
    /// databases that hold the same values give the same digest.
    /// </summary>
    public static string Digest(string connectionString, params string[] queries)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var rows = 0;
        foreach (var sql in queries)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    var value = reader.IsDBNull(i) ? "\0null" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture);
                    hash.AppendData(Encoding.UTF8.GetBytes(value + "\u001f"));
                }

                hash.AppendData("\u001e"u8);
                rows++;
            }

            hash.AppendData("\u001d"u8);
        }

        return $"{rows:N0} rows, {Convert.ToHexString(hash.GetHashAndReset())[..16]}";
    }
}
