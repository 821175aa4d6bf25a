using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ProfilePortal.Tests.Support;

/// <summary>
/// The whole portal on a real loopback port (Kestrel, so a browser and its WebSocket can reach it), on a
/// SQLite file database of its own with the demo data, sending mail to its own maildev.
/// </summary>
public class PortalApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>The bearer token that reads <c>/metrics</c>.</summary>
    public const string MetricsScrapeToken = "scrape-token-for-browser-tests-5f2a9c7e1d3b";

    private readonly TemporaryDirectory _directory = new();

    public MailDevServer Mail { get; } = new();

    public Uri BaseAddress { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        await Mail.InitializeAsync();
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");
    }

    public Uri Url(string relative) => new(BaseAddress, relative);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:Portal"] = $"Data Source={Path.Combine(_directory.Path, "portal.db")}",
            ["Database:MigrateOnStartup"] = "true",
            ["Database:SeedDemoData"] = "true",
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = Mail.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp:Security"] = "None",
            ["Scheduler:OutboxSweepSeconds"] = "1",
            ["RateLimiting:AccountPostsPerMinute"] = "1000",
            ["Metrics:ScrapeToken"] = MetricsScrapeToken,
            ["Serilog:WriteTo:1:Args:path"] = Path.Combine(_directory.Path, "logs", "portal-.log"),
        };
        foreach (var (key, value) in settings.Concat(ExtraSettings))
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>Settings a derived fixture adds or overrides.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string>> ExtraSettings => [];

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await StopDependenciesAsync();
        await Mail.DisposeAsync();
        _directory.Dispose();
    }

    /// <summary>Stops what a derived fixture started besides the portal, after the portal stopped.</summary>
    protected virtual Task StopDependenciesAsync() => Task.CompletedTask;
}
