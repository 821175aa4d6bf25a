using System.Text.Json;
using Microsoft.Extensions.Configuration;
using ProfilePortal.Tests.Support;
using Serilog;

namespace ProfilePortal.Tests.Integration.Operations;

/// <summary>
/// The console sink as the shipped settings configure it: one compact JSON object per line in Production and
/// Staging (for the log collector), plain text in Development (for people).
/// </summary>
public sealed class LoggingConfigurationTests : IDisposable
{
    // The console is the process's; the sink writes each event in one call, and the marker finds ours.
    private static readonly Lock ConsoleLock = new();
    private readonly TemporaryDirectory _directory = new();

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void A_deployed_environment_logs_json_with_the_template_and_properties(string environment)
    {
        var marker = Guid.NewGuid().ToString("N");

        var line = ConsoleLineOf(environment, marker);

        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        Assert.Equal("Renewal sweep {Marker} renewed {Renewed}", root.GetProperty("@mt").GetString());
        Assert.Equal(marker, root.GetProperty("Marker").GetString());
        Assert.Equal(3, root.GetProperty("Renewed").GetInt32());
        Assert.True(root.TryGetProperty("@t", out _));
    }

    [Fact]
    public void Development_logs_plain_text()
    {
        var marker = Guid.NewGuid().ToString("N");

        var line = ConsoleLineOf("Development", marker);

        Assert.DoesNotContain("\"@mt\"", line, StringComparison.Ordinal);
        Assert.Contains($"Renewal sweep {marker} renewed 3", line, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();

    private string ConsoleLineOf(string environment, string marker)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(RepositoryFiles.PathOf(Path.Combine("ProfilePortal", "appsettings.json")))
            .AddJsonFile(RepositoryFiles.PathOf(Path.Combine("ProfilePortal", $"appsettings.{environment}.json")))
            .AddInMemoryCollection([new("Serilog:WriteTo:1:Args:path", Path.Combine(_directory.Path, "portal-.log"))])
            .Build();
        using var output = new StringWriter();
        lock (ConsoleLock)
        {
            var console = Console.Out;
            Console.SetOut(TextWriter.Synchronized(output));
            try
            {
                // The same reading of the configuration as the portal's AddPortalLogging.
                using var logger = new LoggerConfiguration().ReadFrom.Configuration(configuration).CreateLogger();
                logger.Information("Renewal sweep {Marker} renewed {Renewed}", marker, 3);
            }
            finally
            {
                Console.SetOut(console);
            }
        }

        return output.ToString().Split('\n').Single(l => l.Contains(marker, StringComparison.Ordinal)).TrimEnd('\r');
    }
}
