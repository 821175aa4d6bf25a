using System.Text.Json;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Deployment;

/// <summary>The GitHub Actions workflow parses and keeps its gates, with README's test command.</summary>
public sealed class CiWorkflowTests
{
    [Fact]
    public async Task The_workflow_runs_on_every_push_to_main_and_every_pull_request()
    {
        var triggers = (await WorkflowAsync()).GetProperty("on");

        Assert.True(triggers.TryGetProperty("push", out _));
        Assert.True(triggers.TryGetProperty("pull_request", out _));
    }

    [Fact]
    public async Task The_workflow_keeps_the_style_build_test_vulnerability_and_container_gates()
    {
        var steps = Steps(await WorkflowAsync()).ToList();

        Assert.Contains(steps, s => s.Uses?.StartsWith("actions/setup-dotnet@", StringComparison.Ordinal) == true);
        Assert.Contains(steps, s => s.Run?.Contains("dotnet format ProfilePortal.sln --verify-no-changes", StringComparison.Ordinal) == true);
        Assert.Contains(steps, s => s.Run?.Contains("dotnet build ProfilePortal.sln", StringComparison.Ordinal) == true);
        Assert.Contains(steps, s => s.Run?.Contains(ReadmeTestCommand(), StringComparison.Ordinal) == true);
        // The listing exits 0 with findings: the step must fail on its output, and a failed listing piped into
        // tee must not pass for an empty one.
        var vulnerable = Assert.Single(steps, s => s.Run?.Contains("--vulnerable --include-transitive", StringComparison.Ordinal) == true);
        Assert.Contains("exit 1", vulnerable.Run, StringComparison.Ordinal);
        Assert.Contains("set -o pipefail", vulnerable.Run, StringComparison.Ordinal);
        var container = Assert.Single(steps, s => s.Uses?.StartsWith("docker/build-push-action@", StringComparison.Ordinal) == true);
        Assert.Equal(JsonValueKind.False, container.With.GetProperty("push").ValueKind);
    }

    private static Task<JsonElement> WorkflowAsync() => NodeTools.ReadYamlAsync(Path.Combine(".github", "workflows", "ci.yml"));

    private static IEnumerable<WorkflowStep> Steps(JsonElement workflow) =>
        workflow.GetProperty("jobs").EnumerateObject()
            .SelectMany(job => job.Value.GetProperty("steps").EnumerateArray())
            .Select(step => new WorkflowStep(
                step.TryGetProperty("uses", out var uses) ? uses.GetString() : null,
                step.TryGetProperty("run", out var run) ? run.GetString() : null,
                step.TryGetProperty("with", out var with) ? with : default));

    /// <summary>The <c>dotnet test</c> line of README's first code block, without its comment.</summary>
    private static string ReadmeTestCommand()
    {
        var line = File.ReadLines(RepositoryFiles.PathOf("README.md"))
            .First(l => l.StartsWith("dotnet test ", StringComparison.Ordinal));
        return line.Split('#')[0].Trim();
    }

    private sealed record WorkflowStep(string? Uses, string? Run, JsonElement With);
}
