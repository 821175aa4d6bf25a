using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ProfilePortal.Benchmarks;

/// <summary>
/// A SQLite database with many customers and usage events, built once and reused across runs (it takes a few
/// minutes). Rows are written with raw prepared statements in the shapes EF Core writes them: GUIDs as upper-case
/// text, instants as <see cref="DateTimeOffsetToBinaryConverter"/> values, enums as their names.
/// </summary>
internal static class BenchDatabase
{
    internal static readonly DateTimeOffsetToBinaryConverter Instant = new();

    public static int Users => Setting("BENCH_USERS", 1_000_000);

    public static int Events => Setting("BENCH_EVENTS", 10_000_000);

    /// <summary>The benchmark's "now": fixed, so the data and the quota periods are the same on every run.</summary>
    public static DateTimeOffset Now { get; } = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Where the benchmark databases live: <c>BENCH_DATA_DIR</c>, else <c>bench-data</c> next to the binaries.</summary>
    public static string DataDirectory =>
        Environment.GetEnvironmentVariable("BENCH_DATA_DIR") ?? System.IO.Path.Combine(AppContext.BaseDirectory, "bench-data");

    public static string Path => System.IO.Path.Combine(DataDirectory, $"profile-{Users}-{Events}.db");

    public static string ConnectionString => $"Data Source={Path}";

    /// <summary>
    /// The id of user number <paramref name="index"/>: deterministic, so runs pick the same users, and its text
    /// form sorts like the index (the index is the GUID's first field).
    /// </summary>
    public static Guid UserId(int index) => Id(1, index);

    public static Guid OrganizationId(int index) => Id(2, index);

    /// <summary>Fills a freshly migrated database; does nothing when the data is already there.</summary>
    public static void Fill()
    {
        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        if (Scalar(connection, "SELECT COUNT(*) FROM AspNetUsers") >= Users)
        {
            return;
        }

        var clock = Stopwatch.StartNew();
        Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA cache_size=-400000;");
        InsertCustomers(connection);
        Console.WriteLine($"  {Users:N0} customers with organizations and subscriptions in {clock.Elapsed:mm\\:ss}");
        InsertEvents(connection);
        Console.WriteLine($"  {Events:N0} usage events in {clock.Elapsed:mm\\:ss}");
        Execute(connection, "ANALYZE;");
    }

    private static void InsertCustomers(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction();
        using var user = Prepare(connection, transaction,
            "INSERT INTO AspNetUsers (Id, FirstName, LastName, Company, Country, TimeZone, PreferredLanguage, CreatedAt, TrialUsed, " +
            "UserName, NormalizedUserName, Email, NormalizedEmail, EmailConfirmed, SecurityStamp, ConcurrencyStamp, " +
            "PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount, NotifyWhenQuotaLow) " +
            "VALUES ($id, $first, $last, 'Company', 'RU', 'Europe/Moscow', 'ru', $created, 0, $email, $upper, $email, $upper, 1, $stamp, $stamp, 0, 0, 1, 0, 1)",
            "$id", "$first", "$last", "$created", "$email", "$upper", "$stamp");
        using var organization = Prepare(connection, transaction,
            "INSERT INTO Organizations (Id, Name, IsPersonal, CreatedAt) VALUES ($id, $name, 1, $created)", "$id", "$name", "$created");
        using var membership = Prepare(connection, transaction,
            "INSERT INTO Memberships (OrganizationId, UserId, Role, JoinedAt) VALUES ($org, $user, 'Owner', $created)", "$org", "$user", "$created");
        using var subscription = Prepare(connection, transaction,
            "INSERT INTO Subscriptions (Id, OrganizationId, PlanCode, Status, CurrentPeriodStart, CancelAtPeriodEnd, CreatedAt, Version) " +
            "VALUES ($id, $org, $plan, 'Active', $start, 0, $created, $id)", "$id", "$org", "$plan", "$start", "$created");

        for (var i = 0; i < Users; i++)
        {
            var created = Instant.ConvertToProvider(Now.AddDays(-(i % 700)))!;
            var userId = Text(UserId(i));
            var organizationId = Text(OrganizationId(i));
            var email = $"user{i}@bench.example";
            Run(user, userId, $"First{i}", $"Last{i}", created, email, email.ToUpperInvariant(), Guid.NewGuid().ToString());
            Run(organization, organizationId, $"Org {i}", created);
            Run(membership, organizationId, userId, created);
            // One in five customers is on a paid plan whose period started on some day of the last month.
            var paid = i % 5 == 0;
            Run(subscription, Text(Id(3, i)), organizationId, paid ? "new_annual" : "free",
                Instant.ConvertToProvider(paid ? Now.AddDays(-(i % 28) - 1) : Now.AddDays(-(i % 700)))!, created);
        }

        transaction.Commit();
    }

    private static void InsertEvents(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction();
        using var usage = Prepare(connection, transaction,
            "INSERT INTO UsageEvents (OrganizationId, UserId, Kind, Title, Launches, OccurredAt) VALUES ($org, $user, $kind, $title, $launches, $at)",
            "$org", "$user", "$kind", "$title", "$launches", "$at");
        var random = new Random(42);
        string[] kinds = ["TrainingRun", "TrainingRun", "TrainingRun", "DatasetUpload", "Job"];
        // Skewed like real usage: the busiest tenth of the users produce more than half of the events. Users are
        // written in id order (ids sort as their index), so the indexes grow at their end and the load stays fast.
        var busy = Math.Max(1, Users / 10);
        var perBusyUser = Events * 55L / 100 / busy;
        var perOtherUser = Math.Max(0, (Events - (perBusyUser * busy)) / Math.Max(1, Users - busy));
        var written = 0L;
        for (var index = 0; index < Users && written < Events; index++)
        {
            var count = index < busy ? perBusyUser : perOtherUser + (index % 2);
            var organizationId = Text(OrganizationId(index));
            var userId = Text(UserId(index));
            for (var e = 0; e < count && written < Events; e++, written++)
            {
                var kind = kinds[random.Next(kinds.Length)];
                var at = Now.AddMinutes(-random.Next(60 * 24 * 90));
                Run(usage, organizationId, userId, kind, $"{kind} {written}", kind == "TrainingRun" ? 1 : 0, Instant.ConvertToProvider(at)!);
            }
        }

        transaction.Commit();
    }

    internal static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }

    internal static void Run(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }

        command.ExecuteNonQuery();
    }

    internal static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    internal static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    // EF Core's SQLite provider stores GUIDs as upper-case text.
    internal static string Text(Guid id) => id.ToString().ToUpperInvariant();

    internal static Guid Id(int kind, int index)
    {
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, index); // little-endian: the first field, printed as 8 hex digits
        bytes[15] = (byte)kind;
        return new Guid(bytes);
    }

    internal static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out var value) && value > 0 ? value : fallback;
}
