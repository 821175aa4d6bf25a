using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using MimeKit;

namespace ProfilePortal.Tests.Support;

/// <summary>
/// A real SMTP server for the integration tests: maildev from <c>ProfilePortal.Tests/tools</c> (run
/// <c>npm ci</c> there first), on two free loopback ports, read through its REST API. Shared by the
/// <see cref="MailDevCollection"/>; tests tell their mail apart by unique recipients.
/// </summary>
public sealed class MailDevServer : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private readonly TemporaryDirectory _workDirectory = new();
    private readonly StringBuilder _output = new();
    private readonly HttpClient _http = new();
    private Process? _process;

    public int SmtpPort { get; } = FreeLoopbackPort();

    public int WebPort { get; } = FreeLoopbackPort();

    public bool IsRunning => _process is { HasExited: false };

    private Uri Api => new($"http://127.0.0.1:{WebPort}/api/");

    public Task InitializeAsync() => StartAsync();

    /// <summary>Starts maildev on the same ports as before; does nothing while it runs.</summary>
    public async Task StartAsync()
    {
        if (IsRunning)
        {
            return;
        }

        var start = new ProcessStartInfo(LocateMailDev())
        {
            // The web UI binds to all interfaces unless told otherwise; keep both on loopback.
            ArgumentList = { "--smtp", $"{SmtpPort}", "--web", $"{WebPort}", "--ip", "127.0.0.1", "--web-ip", "127.0.0.1" },
            // maildev looks for config files up from its working directory and keeps .eml files in TMPDIR.
            WorkingDirectory = _workDirectory.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["TMPDIR"] = _workDirectory.Path;
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MAILDEV_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("maildev did not start.");
        _process.OutputDataReceived += (_, e) => Record(e.Data);
        _process.ErrorDataReceived += (_, e) => Record(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilHealthyAsync();
    }

    /// <summary>Stops maildev: from now on the SMTP port refuses connections, as a server that is down.</summary>
    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }

        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    /// <summary>Every message maildev holds, optionally only those to <paramref name="recipient"/>.</summary>
    public async Task<IReadOnlyList<MailDevEmail>> GetMessagesAsync(string? recipient = null)
    {
        var all = await _http.GetFromJsonAsync<List<MailDevEmail>>(new Uri(Api, "email")) ?? [];
        return recipient is null
            ? all
            : [.. all.Where(m => m.To.Any(to => string.Equals(to.Address, recipient, StringComparison.OrdinalIgnoreCase)))];
    }

    /// <summary>The message as it arrived, every header included (the JSON lists only a few).</summary>
    public async Task<MimeMessage> GetSourceAsync(string id)
    {
        await using var stream = await _http.GetStreamAsync(new Uri(Api, $"email/{id}/source"));
        return await MimeMessage.LoadAsync(stream);
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        _http.Dispose();
        _workDirectory.Dispose();
    }

    private async Task WaitUntilHealthyAsync()
    {
        // Polling an external process, bounded: the only wait in these tests.
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (_process is null || _process.HasExited)
            {
                throw new InvalidOperationException($"maildev exited while starting:\n{Output()}");
            }

            if (await IsHealthyAsync())
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }

        throw new TimeoutException($"maildev did not answer /api/healthz within {StartTimeout}:\n{Output()}");
    }

    private async Task<bool> IsHealthyAsync()
    {
        try
        {
            using var response = await _http.GetAsync(new Uri(Api, "healthz"));
            return response.StatusCode == HttpStatusCode.OK && await IsListeningAsync(SmtpPort);
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static async Task<bool> IsListeningAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static string LocateMailDev()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "ProfilePortal.Tests", "tools", "node_modules", ".bin", "maildev");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("maildev is not installed: run `npm ci` in ProfilePortal.Tests/tools.");
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }
}

/// <summary>One message as maildev's REST API lists it.</summary>
public sealed record MailDevEmail(
    string Id,
    string Subject,
    IReadOnlyList<MailDevAddress> From,
    IReadOnlyList<MailDevAddress> To,
    IReadOnlyDictionary<string, System.Text.Json.JsonElement> Headers,
    string? Html,
    string? Text);

public sealed record MailDevAddress(string Address, string Name);

/// <summary>The tests that talk to the shared maildev; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class MailDevCollection : ICollectionFixture<MailDevServer>
{
    public const string Name = "MailDev";
}
