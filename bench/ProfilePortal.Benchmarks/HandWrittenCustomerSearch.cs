using System.Globalization;
using Microsoft.Data.Sqlite;
using ProfilePortal.Domain.Common;

namespace ProfilePortal.Benchmarks;

/// <summary>
/// The customer search as one would write it by hand on SQLite: a UNION of index ranges on the normalized keys, the
/// count and the first page by email; and a sorted page of everyone with its count. Each also reads the rows'
/// organization and subscription, as the service does.
/// </summary>
internal static class HandWrittenCustomerSearch
{
    private const string Matches =
        "SELECT Id FROM AspNetUsers WHERE NormalizedEmail >= $low AND NormalizedEmail < $high " +
        "UNION SELECT Id FROM AspNetUsers WHERE NormalizedFirstName >= $low AND NormalizedFirstName < $high " +
        "UNION SELECT Id FROM AspNetUsers WHERE NormalizedLastName >= $low AND NormalizedLastName < $high " +
        "UNION SELECT Id FROM AspNetUsers WHERE NormalizedCompany >= $low AND NormalizedCompany < $high " +
        "UNION SELECT m.UserId FROM Organizations o JOIN Memberships m ON m.OrganizationId = o.Id WHERE o.NormalizedName >= $low AND o.NormalizedName < $high";

    private const string Row =
        "u.Id, u.Email, u.FirstName, u.LastName, u.Company, u.CreatedAt, " +
        "(SELECT o.Name FROM Memberships m JOIN Organizations o ON o.Id = m.OrganizationId WHERE m.UserId = u.Id ORDER BY o.IsPersonal DESC, m.JoinedAt LIMIT 1), " +
        "(SELECT s.PlanCode FROM Memberships m JOIN Subscriptions s ON s.OrganizationId = m.OrganizationId WHERE m.UserId = u.Id LIMIT 1)";

    /// <summary>The number of matches; reads the first page too.</summary>
    public static async Task<int> PrefixAsync(SqliteConnection connection, string text, int pageSize)
    {
        var low = SearchKey.Normalize(text)!;
        var high = SearchKey.UpperBound(low)!;
        await using var command = connection.CreateCommand();
        command.CommandText =
            $"SELECT COUNT(*) FROM ({Matches}); " +
            $"SELECT {Row} FROM AspNetUsers u WHERE u.Id IN ({Matches}) ORDER BY u.NormalizedEmail, u.Id LIMIT $take";
        command.Parameters.AddWithValue("$low", low);
        command.Parameters.AddWithValue("$high", high);
        command.Parameters.AddWithValue("$take", pageSize);
        return await ReadAsync(command);
    }

    /// <summary>The number of customers; reads page <paramref name="page"/> sorted by name too.</summary>
    public static async Task<int> SortedPageAsync(SqliteConnection connection, int page, int pageSize)
    {
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT COUNT(*) FROM AspNetUsers; " +
            $"SELECT {Row} FROM AspNetUsers u ORDER BY u.NormalizedLastName, u.NormalizedFirstName, u.Id LIMIT $take OFFSET $skip";
        command.Parameters.AddWithValue("$take", pageSize);
        command.Parameters.AddWithValue("$skip", page * pageSize);
        return await ReadAsync(command);
    }

    private static async Task<int> ReadAsync(SqliteCommand command)
    {
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var total = Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture);
        await reader.NextResultAsync();
        while (await reader.ReadAsync())
        {
            _ = reader.GetString(1);
        }

        return total;
    }
}
