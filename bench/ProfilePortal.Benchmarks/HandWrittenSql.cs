using System.Globalization;
using Microsoft.Data.Sqlite;
using ProfilePortal.Domain.Notifications;

namespace ProfilePortal.Benchmarks;

/// <summary>
/// What the hand-written sides of the sweep benchmarks share: the statements every sweep writes (audit entries,
/// emails copied from a pre-rendered one) and the conversions between .NET values and the shapes EF Core stores.
/// </summary>
internal static class HandWrittenSql
{
    public const string AuditSql = """
        INSERT INTO AuditEntries (Id, OccurredAt, ActorUserId, Action, TargetType, TargetId, OrganizationId, Changes)
        VALUES ($id, $now, NULL, $action, $type, $target, $org, $changes)
        """;

    public static readonly string[] AuditParameters = ["$id", "$now", "$action", "$type", "$target", "$org", "$changes"];

    public const string EmailSql = """
        INSERT INTO EmailMessages (Id, Kind, ToAddress, Language, Subject, HtmlBody, TextBody, Status, Attempts, CreatedAt, NextAttemptAt)
        VALUES ($id, $kind, $to, $language, $subject, $html, $text, 'Pending', 0, $now, $now)
        """;

    public static readonly string[] EmailParameters = ["$id", "$kind", "$to", "$language", "$subject", "$html", "$text", "$now"];

    /// <summary>Opens the connection as EF Core's SQLite provider does (foreign keys on).</summary>
    public static SqliteConnection Open(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        BenchDatabase.Execute(connection, "PRAGMA foreign_keys = 1;");
        return connection;
    }

    /// <summary>Queues a copy of <paramref name="content"/> (the one rendered for the recipient's language) to <paramref name="to"/>.</summary>
    public static void QueueEmail(SqliteCommand email, string kind, string to, string language, RenderedEmail content, DateTimeOffset now) =>
        BenchDatabase.Run(email, NewId(now), kind, to, language, content.Subject, content.HtmlBody, content.TextBody, ToStore(now));

    /// <summary>The pre-rendered email for <paramref name="language"/>, or any when there is none for it.</summary>
    public static RenderedEmail For(IReadOnlyDictionary<string, RenderedEmail> rendered, string language) =>
        rendered.TryGetValue(language, out var content) ? content : rendered.Values.First();

    /// <summary>Runs an UPDATE that must change <paramref name="rows"/> rows (its version check passed).</summary>
    public static void Expect(SqliteCommand command, int rows, params object[] values)
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

    public static string NewId(DateTimeOffset now) => BenchDatabase.Text(Guid.CreateVersion7(now));

    public static string NewVersion() => BenchDatabase.Text(Guid.NewGuid());

    public static long ToStore(DateTimeOffset instant) => (long)BenchDatabase.Instant.ConvertToProvider(instant)!;

    public static DateTimeOffset FromStore(long value) => (DateTimeOffset)BenchDatabase.Instant.ConvertFromProvider(value)!;

    /// <summary>An instant as System.Text.Json writes it in the service's audit entries, '+' escaped.</summary>
    public static string Iso(DateTimeOffset instant) =>
        instant.ToString("O", CultureInfo.InvariantCulture).Replace("+", "\\u002B", StringComparison.Ordinal);
}
