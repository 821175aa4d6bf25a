using System.Data.Common;
using ProfilePortal.Infrastructure.Identity;
using ProfilePortal.Infrastructure.Persistence;

namespace ProfilePortal.Configuration;

/// <summary>
/// The secrets a deployed portal needs, checked before the host is built: in Production and Staging a missing
/// secret, or one that still holds a value published in this repository (a demo password, an example
/// <c>change-me</c> value), stops the start with every offending setting named at once (docs/operations.md).
/// Development keeps its demo data and needs no secrets.
/// </summary>
internal static class SecretSettings
{
    /// <summary>The shortest scrape token accepted: a random token of this length cannot be guessed.</summary>
    public const int MinimumTokenLength = 32;

    // Values anyone can read in the repository or in the documentation of the images we use.
    private static readonly HashSet<string> PublishedValues = new(StringComparer.OrdinalIgnoreCase)
    {
        DemoDataSeeder.AdminPassword,
        DemoDataSeeder.CustomerPassword,
        "password",
        "secret",
        "admin",
        "yourStrong(!)Password",
    };

    /// <summary>Throws <see cref="UnsafeSecretsException"/> in Production and Staging when a secret is missing or a default.</summary>
    public static void RefuseUnsafeSecrets(this WebApplicationBuilder builder)
    {
        if (!builder.Environment.IsProduction() && !builder.Environment.IsStaging())
        {
            return;
        }

        var problems = Find(builder.Configuration, builder.Environment.ContentRootPath);
        if (problems.Count > 0)
        {
            throw new UnsafeSecretsException(builder.Environment.EnvironmentName, problems);
        }
    }

    /// <summary>Each unsafe secret as "setting (environment variable): what is wrong", in a stable order.</summary>
    public static IReadOnlyList<string> Find(IConfiguration configuration, string contentRootPath)
    {
        var problems = new List<string>();
        CheckDatabase(configuration, contentRootPath, problems);

        if (configuration.GetValue<bool>("Database:SeedDemoData"))
        {
            problems.Add("Database:SeedDemoData (Database__SeedDemoData): must be false; the demo accounts' passwords are published in the repository.");
        }

        // Read as AdminOptions does: the section first, then the source documents' names.
        var adminPassword = configuration["Admin:Password"] ?? configuration["ADMIN_PASSWORD"];
        if (!string.IsNullOrEmpty(adminPassword) && IsPublished(adminPassword))
        {
            problems.Add("Admin:Password (Admin__Password or ADMIN_PASSWORD): holds a published example value.");
        }

        if (!string.IsNullOrEmpty(configuration["Smtp:UserName"]))
        {
            CheckSecret(configuration, "Smtp:Password", problems, "required when Smtp:UserName is set");
        }

        if (string.Equals(configuration["Billing:Gateway"], "CloudPayments", StringComparison.OrdinalIgnoreCase))
        {
            CheckSecret(configuration, "Payments:CloudPayments:ApiSecret", problems, "required when Billing:Gateway is CloudPayments");
        }

        var token = configuration["Metrics:ScrapeToken"];
        if (!string.IsNullOrEmpty(token) && (IsPublished(token) || token.Length < MinimumTokenLength))
        {
            problems.Add($"Metrics:ScrapeToken (Metrics__ScrapeToken): must be a random value of at least {MinimumTokenLength} characters, not an example.");
        }

        return problems;
    }

    private static void CheckDatabase(IConfiguration configuration, string contentRootPath, List<string> problems)
    {
        const string Name = "ConnectionStrings:Portal (ConnectionStrings__Portal or DATABASE_URL)";
        var options = PersistenceServiceCollectionExtensions.ResolveDatabaseOptions(configuration, contentRootPath);
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            problems.Add($"{Name}: missing.");
            return;
        }

        // SQLite is a local file with no password; SQL Server needs one unless Windows or Entra ID authentication is used.
        if (options.Provider != DatabaseProvider.SqlServer)
        {
            return;
        }

        DbConnectionStringBuilder parsed;
        try
        {
            parsed = new DbConnectionStringBuilder { ConnectionString = options.ConnectionString };
        }
        catch (ArgumentException)
        {
            problems.Add($"{Name}: is not a valid connection string.");
            return;
        }

        if (IsTrue(parsed, "Integrated Security") || IsTrue(parsed, "Trusted_Connection") || parsed.ContainsKey("Authentication"))
        {
            return;
        }

        var password = (parsed.TryGetValue("Password", out var value) || parsed.TryGetValue("Pwd", out value)) ? value?.ToString() : null;
        if (string.IsNullOrEmpty(password))
        {
            problems.Add($"{Name}: has no password (set Password, or use Integrated Security or Authentication).");
        }
        else if (IsPublished(password))
        {
            problems.Add($"{Name}: the password is a published example value.");
        }
    }

    private static void CheckSecret(IConfiguration configuration, string key, List<string> problems, string why)
    {
        var value = configuration[key];
        var name = $"{key} ({key.Replace(":", "__", StringComparison.Ordinal)})";
        if (string.IsNullOrEmpty(value))
        {
            problems.Add($"{name}: missing, {why}.");
        }
        else if (IsPublished(value))
        {
            problems.Add($"{name}: holds a published example value.");
        }
    }

    private static bool IsTrue(DbConnectionStringBuilder parsed, string key) =>
        parsed.TryGetValue(key, out var value) && value?.ToString() is { } text
        && (text.Equals("true", StringComparison.OrdinalIgnoreCase) || text.Equals("yes", StringComparison.OrdinalIgnoreCase)
            || text.Equals("sspi", StringComparison.OrdinalIgnoreCase));

    /// <summary>A value from the repository: a demo password, a common default, or an example meant to be replaced.</summary>
    private static bool IsPublished(string value) =>
        PublishedValues.Contains(value.Trim())
        || value.Contains("change-me", StringComparison.OrdinalIgnoreCase)
        || value.Contains("changeme", StringComparison.OrdinalIgnoreCase);
}

/// <summary>The start was refused: <see cref="Settings"/> lists each unsafe secret and what is wrong with it.</summary>
internal sealed class UnsafeSecretsException(string environment, IReadOnlyList<string> settings) : Exception(
    $"ProfilePortal refuses to start in {environment}: {settings.Count} secret setting(s) are missing or hold a published default. "
    + "Set them from environment variables or the secret store (docs/configuration.md, \"Secrets\"):"
    + string.Concat(settings.Select(s => Environment.NewLine + "  - " + s)))
{
    public IReadOnlyList<string> Settings { get; } = settings;
}
