using System.Text.Json;
using System.Text.RegularExpressions;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Deployment;

/// <summary>
/// The facts of Dockerfile and docker-compose.yml that matter in production, checked without Docker: the image
/// runs unprivileged with a health check, and the schema is migrated by its own step before the app starts.
/// </summary>
public sealed partial class ContainerFilesTests
{
    [Fact]
    public void The_runtime_image_is_the_aspnet_runtime_and_runs_as_a_non_root_user()
    {
        var runtime = DockerfileStages().Last();

        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:10.0", runtime.BaseImage, StringComparison.Ordinal);
        var user = Assert.Single(runtime.Instructions, i => i.Keyword == "USER").Arguments;
        Assert.DoesNotMatch(RootUser(), user);
        Assert.Equal("""["dotnet", "ProfilePortal.dll"]""", Assert.Single(runtime.Instructions, i => i.Keyword == "ENTRYPOINT").Arguments);
    }

    [Fact]
    public void The_runtime_image_has_a_health_check_that_runs_the_portals_own_probe()
    {
        var runtime = DockerfileStages().Last();

        var healthCheck = Assert.Single(runtime.Instructions, i => i.Keyword == "HEALTHCHECK").Arguments;
        // Exec form: the probe needs neither a shell nor curl in the image.
        Assert.Contains("""CMD ["dotnet", "ProfilePortal.dll", "healthcheck"]""", healthCheck, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null, "http://127.0.0.1:8080/health/live")]
    [InlineData(null, "5000", "http://127.0.0.1:5000/health/live")]
    [InlineData(null, "8081;8082", "http://127.0.0.1:8081/health/live")]
    [InlineData("http://127.0.0.1:9000/health/live", "8080", "http://127.0.0.1:9000/health/live")]
    public void The_health_probe_asks_the_port_the_app_listens_on_unless_told_a_url(string? url, string? ports, string expected)
    {
        var environment = new Dictionary<string, string?> { ["HEALTHCHECK_URL"] = url, ["ASPNETCORE_HTTP_PORTS"] = ports };

        Assert.Equal(new Uri(expected), StartupCommands.HealthProbeUrl(name => environment.GetValueOrDefault(name)));
    }

    [Fact]
    public async Task The_image_listens_on_8080_where_its_health_check_compose_and_the_pods_expect_it()
    {
        var runtime = DockerfileStages().Last();
        var environment = string.Join(' ', runtime.Instructions.Where(i => i.Keyword == "ENV").Select(i => i.Arguments));

        // The healthcheck command asks the first of these ports (StartupCommands.HealthProbeUrl).
        Assert.Contains("ASPNETCORE_HTTP_PORTS=8080", environment, StringComparison.Ordinal);
        Assert.DoesNotContain("ASPNETCORE_URLS", environment, StringComparison.Ordinal);
        Assert.Equal("8080", Assert.Single(runtime.Instructions, i => i.Keyword == "EXPOSE").Arguments);

        var ports = (await ComposeAsync()).GetProperty("services").GetProperty("app").GetProperty("ports");
        Assert.Contains(Strings(ports), p => p.EndsWith(":8080", StringComparison.Ordinal));

        var deployment = await NodeTools.ReadYamlAsync(Path.Combine("deploy", "k8s", "deployment.yaml"));
        var container = Assert.Single(deployment.GetProperty("spec").GetProperty("template").GetProperty("spec").GetProperty("containers").EnumerateArray());
        Assert.Equal(8080, Assert.Single(container.GetProperty("ports").EnumerateArray()).GetProperty("containerPort").GetInt32());
    }

    [Fact]
    public void The_build_context_leaves_out_build_output_tests_git_and_local_secrets()
    {
        var ignored = File.ReadAllLines(RepositoryFiles.PathOf(".dockerignore")).Select(l => l.Trim()).ToHashSet();

        Assert.Superset(new HashSet<string> { "**/bin/", "**/obj/", "**/node_modules/", ".git/", ".env", "ProfilePortal.Tests/" }, ignored);
    }

    [Fact]
    public async Task Compose_starts_the_app_only_after_the_migrate_step_succeeded()
    {
        var services = (await ComposeAsync()).GetProperty("services");

        var condition = services.GetProperty("app").GetProperty("depends_on").GetProperty("migrate").GetProperty("condition");
        Assert.Equal("service_completed_successfully", condition.GetString());
        Assert.Equal(["migrate"], Strings(services.GetProperty("migrate").GetProperty("command")));
        Assert.False(services.GetProperty("app").TryGetProperty("command", out _), "The app service runs the image's default command.");
    }

    [Fact]
    public async Task Compose_runs_app_and_migrate_on_sql_server_without_migrating_at_start_up()
    {
        var services = (await ComposeAsync()).GetProperty("services");

        foreach (var name in new[] { "app", "migrate" })
        {
            var environment = services.GetProperty(name).GetProperty("environment");
            Assert.Equal("SqlServer", environment.GetProperty("Database__Provider").GetString());
            Assert.Equal("Production", environment.GetProperty("ASPNETCORE_ENVIRONMENT").GetString());
            Assert.False(environment.TryGetProperty("Database__MigrateOnStartup", out _), $"{name} must not migrate at start-up.");
        }

        Assert.True(services.TryGetProperty("sqlserver", out _));
        Assert.True(services.TryGetProperty("mail", out _));
    }

    private static Task<JsonElement> ComposeAsync() => NodeTools.ReadYamlAsync("docker-compose.yml");

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    /// <summary>The Dockerfile's stages with their instructions, continuation lines joined, comments dropped.</summary>
    private static List<DockerStage> DockerfileStages()
    {
        var stages = new List<DockerStage>();
        var logical = new List<string>();
        var pending = "";
        foreach (var raw in File.ReadAllLines(RepositoryFiles.PathOf("Dockerfile")))
        {
            var line = raw.Trim();
            if (line.StartsWith('#') || line.Length == 0)
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                pending += line[..^1].Trim() + " ";
                continue;
            }

            logical.Add(pending + line);
            pending = "";
        }

        foreach (var line in logical)
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var keyword = line[..space].ToUpperInvariant();
            var arguments = line[(space + 1)..].Trim();
            if (keyword == "FROM")
            {
                stages.Add(new DockerStage(arguments.Split(' ')[0], []));
            }
            else
            {
                stages[^1].Instructions.Add(new DockerInstruction(keyword, arguments));
            }
        }

        return stages;
    }

    [GeneratedRegex(@"^(root|0)(:.*)?$")]
    private static partial Regex RootUser();

    private sealed record DockerStage(string BaseImage, List<DockerInstruction> Instructions);

    private sealed record DockerInstruction(string Keyword, string Arguments);
}
