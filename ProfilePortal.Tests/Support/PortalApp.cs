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
public sealed class PortalApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly TemporaryDirectory _directory = new();

    public MailDevServer Mail { get; } = new();

    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
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
            ["Serilog:WriteTo:1:Args:path"] = Path.Combine(_directory.Path, "logs", "portal-.log"),
        };
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Mail.DisposeAsync();
        _directory.Dispose();
    }
}
