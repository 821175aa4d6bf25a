using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Exporter;

namespace ProfilePortal.Tests.Support;

/// <summary>
/// The portal in the Production environment, in memory (no Kestrel, no mail server), on a SQLite file of its own
/// with every secret set to a proper value. A test that wants a refused start overrides some of them.
/// </summary>
public sealed class ProductionPortalApp : WebApplicationFactory<Program>
{
    public const string ScrapeToken = "scrape-token-for-tests-7c1e9d2b4a6f8e0c3b5d";

    private readonly TemporaryDirectory _directory = new();
    private readonly IReadOnlyDictionary<string, string?> _overrides;
    private readonly string _environment;

    public ProductionPortalApp()
        : this(new Dictionary<string, string?>())
    {
    }

    internal ProductionPortalApp(IReadOnlyDictionary<string, string?> overrides, string environment = "Production")
    {
        _overrides = overrides;
        _environment = environment;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Portal"] = $"Data Source={Path.Combine(_directory.Path, "portal.db")}",
            // Production runs `migrate` instead; here the start migrates so that the test needs no second step.
            ["Database:MigrateOnStartup"] = "true",
            ["Scheduler:Enabled"] = "false",
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:UserName"] = "portal-mailer",
            ["Smtp:Password"] = "a-real-smtp-password-from-the-store",
            ["Admin:Email"] = "ops@example.com",
            ["Admin:Password"] = "a-real-admin-password-from-the-store",
            ["Metrics:ScrapeToken"] = ScrapeToken,
            ["Serilog:WriteTo:1:Args:path"] = Path.Combine(_directory.Path, "logs", "portal-.log"),
        };
        foreach (var (key, value) in settings.Concat(_overrides))
        {
            builder.UseSetting(key, value);
        }

        // Every scrape sees the measurements made just before it, not the exporter's cached answer.
        builder.ConfigureTestServices(services =>
            services.Configure<PrometheusAspNetCoreOptions>(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _directory.Dispose();
    }
}
