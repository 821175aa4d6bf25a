using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Quotas;

namespace ProfilePortal.Benchmarks;

/// <summary>
/// The baseline: the same three queries the profile page needs, written by hand against the same indexes,
/// read with a plain data reader. Returns counts only so both sides do comparable work.
/// </summary>
internal static class HandWrittenProfileQueries
{
    private const string ProfileSql = """
        SELECT u.Email, u.FirstName, u.LastName, u.Company, u.Country, u.TimeZone, u.AvatarUrl, u.PhoneNumber,
               u.PreferredLanguage, u.NotifyWhenQuotaLow, u.CreatedAt, u.ConcurrencyStamp,
               EXISTS (SELECT 1 FROM AspNetUserRoles ur JOIN AspNetRoles r ON r.Id = ur.RoleId WHERE ur.UserId = u.Id AND r.Name = 'Admin'),
               o.Id, o.Name, m.Role, p.Code, p.Name, p.Generation, p.MonthlyLaunchAllowance,
               s.Status, COALESCE(s.BillingAnchor, s.CurrentPeriodStart), s.CurrentPeriodEnd, s.TrialStartedAt, s.TrialEndsAt
        FROM Memberships m
        JOIN AspNetUsers u ON u.Id = m.UserId
        JOIN Organizations o ON o.Id = m.OrganizationId
        JOIN Subscriptions s ON s.OrganizationId = o.Id
        JOIN Plans p ON p.Code = s.PlanCode
        WHERE m.UserId = $user
        ORDER BY o.IsPersonal DESC, m.JoinedAt
        LIMIT 1
        """;

    private const string QuotaSql = """
        SELECT
          (SELECT COALESCE(SUM(Launches), 0) FROM QuotaGrants WHERE OrganizationId = $org AND Source = 'Admin' AND PeriodStart <= $now AND PeriodEnd > $now),
          (SELECT COALESCE(SUM(Launches), 0) FROM QuotaGrants WHERE OrganizationId = $org AND Source = 'Pack' AND PeriodStart <= $now AND PeriodEnd > $now),
          (SELECT COALESCE(SUM(Launches), 0) FROM UsageEvents WHERE OrganizationId = $org AND OccurredAt >= $start AND OccurredAt < $end)
        """;

    private const string ActivitySql = """
        SELECT Kind, Title, OccurredAt FROM (
          SELECT * FROM (SELECT Kind, Title, OccurredAt FROM UsageEvents
                         WHERE UserId = $user AND OccurredAt >= $since ORDER BY OccurredAt DESC LIMIT $take)
          UNION ALL
          SELECT * FROM (SELECT Kind, Detail AS Title, OccurredAt FROM ActivityEvents
                         WHERE UserId = $user AND OccurredAt >= $since ORDER BY OccurredAt DESC LIMIT $take))
        ORDER BY OccurredAt DESC LIMIT $take
        """;

    private static readonly DateTimeOffsetToBinaryConverter Instant = new();

    public static async Task<int> LoadAsync(SqliteConnection connection, Guid userId, DateTimeOffset now, int windowDays, int take)
    {
        var user = userId.ToString().ToUpperInvariant();
        string organization;
        QuotaBasis basis;
        await using (var profile = Command(connection, ProfileSql, ("$user", user)))
        await using (var reader = await profile.ExecuteReaderAsync())
        {
            if (!await reader.ReadAsync())
            {
                return 0;
            }

            organization = reader.GetString(13);
            basis = new QuotaBasis(
                Guid.Parse(organization),
                reader.GetString(18) == nameof(PlanGeneration.Free),
                reader.IsDBNull(19) ? null : reader.GetInt32(19),
                Enum.Parse<SubscriptionStatus>(reader.GetString(20)),
                FromStore(reader.GetInt64(21)),
                reader.IsDBNull(22) ? null : FromStore(reader.GetInt64(22)),
                reader.IsDBNull(23) ? null : FromStore(reader.GetInt64(23)),
                reader.IsDBNull(24) ? null : FromStore(reader.GetInt64(24)));
        }

        var period = QuotaService.PeriodOf(basis, now);
        int used;
        await using (var quota = Command(connection, QuotaSql,
            ("$org", organization), ("$now", ToStore(now)), ("$start", ToStore(period.Start)), ("$end", ToStore(period.End))))
        await using (var reader = await quota.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            used = reader.GetInt32(2);
        }

        var rows = 0;
        await using (var activity = Command(connection, ActivitySql, ("$user", user), ("$since", ToStore(now.AddDays(-windowDays))), ("$take", take + 1)))
        await using (var reader = await activity.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows++;
            }
        }

        return rows + used;
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }

    private static long ToStore(DateTimeOffset instant) => (long)Instant.ConvertToProvider(instant)!;

    private static DateTimeOffset FromStore(long value) => (DateTimeOffset)Instant.ConvertFromProvider(value)!;
}
