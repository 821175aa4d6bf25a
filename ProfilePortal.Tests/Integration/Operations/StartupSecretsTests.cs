using System.Diagnostics;
using System.Net;
using ProfilePortal.Configuration;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Operations;

/// <summary>
/// A deployed portal (Production, Staging) refuses to start while a secret is missing or still holds a value published
/// in the repository, and names every such setting in one message.
/// </summary>
public sealed class StartupSecretsTests
{
    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void A_start_without_the_secrets_is_refused_and_names_each_setting(string environment)
    {
        var refusal = RefusalOf(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "SqlServer",
            ["ConnectionStrings:Portal"] = "Server=db;Database=ProfilePortal;User Id=portal;TrustServerCertificate=True",
            ["Smtp:Password"] = "",
            ["Billing:Gateway"] = "CloudPayments",
            ["Payments:CloudPayments:PublicId"] = "pk_test",
        }, environment);

        Assert.Contains(environment, refusal.Message, StringComparison.Ordinal);
        Assert.Collection(
            refusal.Settings,
            s => Assert.StartsWith("ConnectionStrings:Portal ", s, StringComparison.Ordinal),
            s => Assert.StartsWith("Smtp:Password ", s, StringComparison.Ordinal),
            s => Assert.StartsWith("Payments:CloudPayments:ApiSecret ", s, StringComparison.Ordinal));
        Assert.All(refusal.Settings, s => Assert.Contains(s, refusal.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void A_start_with_published_defaults_is_refused_and_names_each_setting()
    {
        var refusal = RefusalOf(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "SqlServer",
            ["ConnectionStrings:Portal"] = "Server=db;Database=ProfilePortal;User Id=sa;Password=Change-me-2026!;TrustServerCertificate=True",
            ["Database:SeedDemoData"] = "true",
            ["Admin:Password"] = "Change-me-too-2026",
            ["Smtp:Password"] = "Admin-demo-2026",
            ["Metrics:ScrapeToken"] = "changeme",
        });

        Assert.Equal(
            ["ConnectionStrings:Portal", "Database:SeedDemoData", "Admin:Password", "Smtp:Password", "Metrics:ScrapeToken"],
            refusal.Settings.Select(s => s[..s.IndexOf(' ', StringComparison.Ordinal)]));
        Assert.All(refusal.Settings, s => Assert.Contains(s, refusal.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Secrets_mounted_as_files_are_read_before_the_check()
    {
        using var mounted = new TemporaryDirectory();
        File.WriteAllText(Path.Combine(mounted.Path, "Admin__Password"), "Change-me-too-2026\n");

        var refusal = RefusalOf(new Dictionary<string, string?> { ["SECRETS_PATH"] = mounted.Path });

        Assert.StartsWith("Admin:Password ", Assert.Single(refusal.Settings), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_production_start_with_proper_secrets_serves()
    {
        await using var app = new ProductionPortalApp();
        using var http = app.CreateClient();

        using var response = await http.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>The real process: it writes the refusal to standard error and exits with a failure code.</summary>
    [Fact]
    public async Task The_process_exits_with_a_failure_code_and_prints_the_refusal()
    {
        var portal = PortalAssemblyPath();
        var start = new ProcessStartInfo("dotnet", [portal])
        {
            WorkingDirectory = Path.GetDirectoryName(portal)!,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Database__Provider"] = "SqlServer";
        start.Environment["ConnectionStrings__Portal"] = "Server=db;Database=ProfilePortal;User Id=portal";
        start.Environment["ADMIN_PASSWORD"] = "Change-me-too-2026";

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await output;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);

        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains("refuses to start in Production", error, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings:Portal (ConnectionStrings__Portal or DATABASE_URL): has no password", error, StringComparison.Ordinal);
        Assert.Contains("Admin:Password (Admin__Password or ADMIN_PASSWORD)", error, StringComparison.Ordinal);
    }

    private static UnsafeSecretsException RefusalOf(Dictionary<string, string?> settings, string environment = "Production")
    {
        using var app = new ProductionPortalApp(settings, environment);
        var failure = Record.Exception(() => app.Services);
        for (var exception = failure; exception is not null; exception = exception.InnerException)
        {
            if (exception is UnsafeSecretsException refusal)
            {
                return refusal;
            }
        }

        throw new Xunit.Sdk.XunitException($"The start was not refused for its secrets: {failure}");
    }

    // The portal's own build output, next to this test assembly's: bin/<configuration>/<framework>/.
    private static string PortalAssemblyPath()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var path = Path.Combine(RepositoryFiles.PathOf("ProfilePortal"), "bin", testOutput.Parent!.Name, testOutput.Name, "ProfilePortal.dll");
        Assert.True(File.Exists(path), $"Build the portal first: {path} is missing.");
        return path;
    }
}
