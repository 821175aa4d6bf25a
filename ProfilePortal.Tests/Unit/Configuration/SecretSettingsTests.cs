using Microsoft.Extensions.Configuration;
using ProfilePortal.Configuration;

namespace ProfilePortal.Tests.Unit.Configuration;

public sealed class SecretSettingsTests
{
    [Theory]
    [InlineData("Server=db;Database=Portal;User Id=portal;Password=kV9-long-random-value")]
    [InlineData("Server=db;Database=Portal;Integrated Security=true")]
    [InlineData("Server=db.database.windows.net;Database=Portal;Authentication=Active Directory Managed Identity")]
    public void A_sql_server_connection_with_a_real_password_or_without_one_by_design_passes(string connectionString)
    {
        Assert.Empty(Find(("Database:Provider", "SqlServer"), ("ConnectionStrings:Portal", connectionString)));
    }

    [Fact]
    public void Sqlite_needs_no_secret_and_falls_back_to_a_file()
    {
        Assert.Empty(Find());
    }

    [Fact]
    public void Database_url_is_read_when_the_connection_string_is_not_set()
    {
        var problems = Find(("Database:Provider", "SqlServer"), ("DATABASE_URL", "Server=db;User Id=sa;Password=CHANGE-ME"));

        Assert.Equal("ConnectionStrings:Portal (ConnectionStrings__Portal or DATABASE_URL): the password is a published example value.", Assert.Single(problems));
    }

    [Fact]
    public void An_admin_password_from_the_source_documents_name_is_checked_too()
    {
        Assert.Single(Find(("ADMIN_PASSWORD", "Customer-demo-2026")));
    }

    [Fact]
    public void A_short_scrape_token_is_refused()
    {
        Assert.StartsWith("Metrics:ScrapeToken", Assert.Single(Find(("Metrics:ScrapeToken", "short-token"))), StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_that_are_not_used_need_no_secret()
    {
        // No SMTP user: no password needed; the sandbox gateway: no API secret; no token: admins only read metrics.
        Assert.Empty(Find(("Billing:Gateway", "Sandbox"), ("Smtp:Host", "mail")));
    }

    private static IReadOnlyList<string> Find(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        return SecretSettings.Find(configuration, Path.GetTempPath());
    }
}
