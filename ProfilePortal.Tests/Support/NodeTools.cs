using System.Diagnostics;
using System.Text.Json;

namespace ProfilePortal.Tests.Support;

/// <summary>
/// The Node scripts of <c>ProfilePortal.Tests/tools</c> (run <c>npm ci</c> there first): the Kubernetes schema
/// check and the YAML reader the deployment tests use instead of a .NET YAML package.
/// </summary>
public static class NodeTools
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(60);

    public static string Folder { get; } = RepositoryFiles.PathOf(Path.Combine("ProfilePortal.Tests", "tools"));

    /// <summary>Runs <c>node tools/<paramref name="script"/> <paramref name="arguments"/></c> to its end.</summary>
    public static async Task<NodeRun> RunAsync(string script, params string[] arguments)
    {
        if (!Directory.Exists(Path.Combine(Folder, "node_modules")))
        {
            throw new InvalidOperationException("The test tools are not installed: run `npm ci` in ProfilePortal.Tests/tools.");
        }

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(Folder, script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(RunTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {script} did not finish within {RunTimeout}.");
        }

        return new NodeRun(process.ExitCode, await output, await error);
    }

    /// <summary>A repository YAML file as JSON, anchors and aliases resolved.</summary>
    public static async Task<JsonElement> ReadYamlAsync(string relativePath)
    {
        var run = await RunAsync("yaml-to-json.mjs", RepositoryFiles.PathOf(relativePath));
        Assert.True(run.ExitCode == 0, $"{relativePath} is not valid YAML:\n{run.Error}");
        using var document = JsonDocument.Parse(run.Output);
        return document.RootElement.Clone();
    }
}

/// <summary>How a Node script ended: its exit code and what it printed.</summary>
public sealed record NodeRun(int ExitCode, string Output, string Error);
