using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Infrastructure.Persistence;

namespace ProfilePortal.Benchmarks;

/// <summary>
/// A SQLite database of <see cref="BenchDatabase.Users"/> customers (1,000,000 by default) for the admins' customer
/// search: names, companies, personal organizations and the normalized search keys the portal keeps, written with raw
/// prepared statements in EF Core's shapes. Built once, then reused.
/// </summary>
internal static class CustomerSearchDatabase
{
    internal static readonly string[] FirstNames =
        ["Anna", "Boris", "Daria", "Egor", "Elena", "Fedor", "Galina", "Igor", "Irina", "Kirill", "Lev", "Maria", "Nikita", "Olga", "Pavel", "Roman", "Sofia", "Timur", "Vera", "Yuri"];

    internal static readonly string[] LastNames =
        ["Ivanov", "Petrov", "Sidorov", "Smirnov", "Kuznetsov", "Popov", "Vasiliev", "Sokolov", "Mikhailov", "Novikov", "Fedorov", "Morozov", "Volkov", "Alekseev", "Lebedev", "Semenov", "Egorov", "Pavlov", "Kozlov", "Stepanov"];

    public static string Path => System.IO.Path.Combine(BenchDatabase.DataDirectory, $"customers-{BenchDatabase.Users}.db");

    public static string ConnectionString => $"Data Source={Path}";

    /// <summary>The customer number <paramref name="index"/>'s last name with a number, so prefixes select a few hundred.</summary>
    internal static string LastName(int index) => $"{LastNames[index % LastNames.Length]}{index % 997}";

    internal static string Email(int index) => $"{FirstNames[index % FirstNames.Length].ToLowerInvariant()}.{index}@example{index % 13}.com";

    internal static string Company(int index) => $"Company {index % 5003}";

    public static async Task PrepareAsync()
    {
        Directory.CreateDirectory(BenchDatabase.DataDirectory);
        await using (var services = BenchServices.Create(ConnectionString))
        {
            await services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        }

        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        if (BenchDatabase.Scalar(connection, "SELECT COUNT(*) FROM AspNetUsers") >= BenchDatabase.Users)
        {
            return;
        }

        var clock = Stopwatch.StartNew();
        BenchDatabase.Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA cache_size=-400000;");
        using (var transaction = connection.BeginTransaction())
        {
            var user = BenchDatabase.Prepare(connection, transaction,
                "INSERT INTO AspNetUsers (Id, FirstName, LastName, Company, NormalizedFirstName, NormalizedLastName, NormalizedCompany, PreferredLanguage, CreatedAt, " +
                "TrialUsed, UserName, NormalizedUserName, Email, NormalizedEmail, EmailConfirmed, SecurityStamp, ConcurrencyStamp, " +
                "PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount, NotifyWhenQuotaLow, MarketingOptOutAt) " +
                "VALUES ($id, $first, $last, $company, $nfirst, $nlast, $ncompany, 'ru', $created, 0, $email, $upper, $email, $upper, 1, $id, $id, 0, 0, 1, 0, 1, NULL)",
                "$id", "$first", "$last", "$company", "$nfirst", "$nlast", "$ncompany", "$created", "$email", "$upper");
            var organization = BenchDatabase.Prepare(connection, transaction,
                "INSERT INTO Organizations (Id, Name, NormalizedName, IsPersonal, CreatedAt) VALUES ($id, $name, $nname, 1, $created)", "$id", "$name", "$nname", "$created");
            var membership = BenchDatabase.Prepare(connection, transaction,
                "INSERT INTO Memberships (OrganizationId, UserId, Role, JoinedAt) VALUES ($org, $user, 'Owner', $created)", "$org", "$user", "$created");
            for (var i = 0; i < BenchDatabase.Users; i++)
            {
                var id = BenchDatabase.Text(BenchDatabase.UserId(i));
                var org = BenchDatabase.Text(BenchDatabase.OrganizationId(i));
                var created = BenchDatabase.Instant.ConvertToProvider(BenchDatabase.Now.AddMinutes(-i))!;
                var first = FirstNames[i % FirstNames.Length];
                var last = LastName(i);
                var company = Company(i);
                var email = Email(i);
                BenchDatabase.Run(user, id, first, last, company, first.ToUpperInvariant(), last.ToUpperInvariant(), company.ToUpperInvariant(), created, email, email.ToUpperInvariant());
                var name = $"{first} {last}";
                BenchDatabase.Run(organization, org, name, name.ToUpperInvariant(), created);
                BenchDatabase.Run(membership, org, id, created);
            }

            transaction.Commit();
        }

        BenchDatabase.Execute(connection, "ANALYZE;");
        Console.WriteLine($"  {BenchDatabase.Users:N0} customers for the search in {clock.Elapsed:mm\\:ss}");
    }
}
