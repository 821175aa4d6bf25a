using System.Text.Json;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Deployment;

/// <summary>
/// deploy/k8s without a cluster: every object passes the Kubernetes schema (kubernetes-models, through
/// <c>tools/validate-k8s.mjs</c>), and the facts the portal relies on stay in the manifests.
/// </summary>
public sealed class KubernetesManifestTests
{
    [Fact]
    public async Task Every_manifest_under_deploy_k8s_passes_the_kubernetes_schema()
    {
        var run = await NodeTools.RunAsync("validate-k8s.mjs", RepositoryFiles.PathOf(Path.Combine("deploy", "k8s")));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("Kubernetes object(s) valid", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_schema_check_fails_on_a_broken_manifest_and_names_each_error()
    {
        using var folder = new TemporaryDirectory();
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "broken.yaml"), """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: broken
            spec:
              replicas: two
              selector:
                matchLabels: { app: broken }
              template:
                spec:
                  containers:
                    - image: profileportal
            ---
            apiVersion: v1
            kind: Sevice
            metadata:
              name: typo
            """);

        var run = await NodeTools.RunAsync("validate-k8s.mjs", folder.Path);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("broken.yaml#1 Deployment/broken: /spec/replicas must be integer", run.Error, StringComparison.Ordinal);
        Assert.Contains("must have required property name", run.Error, StringComparison.Ordinal);
        Assert.Contains("broken.yaml#2 Sevice/typo: unknown apiVersion/kind v1 Sevice", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_web_pods_are_two_unprivileged_replicas_probed_on_the_health_endpoints()
    {
        var deployment = await ManifestAsync("deployment.yaml");
        var pod = deployment.GetProperty("spec").GetProperty("template").GetProperty("spec");
        var container = Assert.Single(pod.GetProperty("containers").EnumerateArray());

        Assert.Equal(2, deployment.GetProperty("spec").GetProperty("replicas").GetInt32());
        Assert.True(pod.GetProperty("securityContext").GetProperty("runAsNonRoot").GetBoolean());
        Assert.False(container.GetProperty("securityContext").GetProperty("allowPrivilegeEscalation").GetBoolean());
        Assert.Equal("/health/live", container.GetProperty("livenessProbe").GetProperty("httpGet").GetProperty("path").GetString());
        Assert.Equal("/health/ready", container.GetProperty("readinessProbe").GetProperty("httpGet").GetProperty("path").GetString());
        foreach (var kind in new[] { "requests", "limits" })
        {
            var resources = container.GetProperty("resources").GetProperty(kind);
            Assert.True(resources.TryGetProperty("cpu", out _) && resources.TryGetProperty("memory", out _), $"cpu and memory {kind}");
        }

        Assert.Equal(["profileportal-config", "profileportal-secrets"], EnvironmentSources(container));
        Assert.False(container.TryGetProperty("args", out _), "The web pods run the image's default command, never migrate.");
    }

    [Fact]
    public async Task The_ingress_pins_each_browser_to_one_pod_and_keeps_websockets_open()
    {
        var annotations = (await ManifestAsync("ingress.yaml")).GetProperty("metadata").GetProperty("annotations");

        Assert.Equal("cookie", annotations.GetProperty("nginx.ingress.kubernetes.io/affinity").GetString());
        Assert.Equal("persistent", annotations.GetProperty("nginx.ingress.kubernetes.io/affinity-mode").GetString());
        Assert.False(string.IsNullOrEmpty(annotations.GetProperty("nginx.ingress.kubernetes.io/session-cookie-name").GetString()));
        Assert.True(int.Parse(annotations.GetProperty("nginx.ingress.kubernetes.io/proxy-read-timeout").GetString()!, System.Globalization.CultureInfo.InvariantCulture) >= 3600);
        Assert.True(int.Parse(annotations.GetProperty("nginx.ingress.kubernetes.io/proxy-send-timeout").GetString()!, System.Globalization.CultureInfo.InvariantCulture) >= 3600);
    }

    [Fact]
    public async Task The_public_host_refuses_metrics_which_prometheus_scrapes_from_the_pods()
    {
        var ingress = await ManifestAsync("ingress-metrics.yaml");
        var main = await ManifestAsync("ingress.yaml");
        var kustomization = await ManifestAsync("kustomization.yaml");

        Assert.Contains("ingress-metrics.yaml", kustomization.GetProperty("resources").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(
            "127.0.0.1/32",
            ingress.GetProperty("metadata").GetProperty("annotations").GetProperty("nginx.ingress.kubernetes.io/whitelist-source-range").GetString());
        var rule = Assert.Single(ingress.GetProperty("spec").GetProperty("rules").EnumerateArray());
        var path = Assert.Single(rule.GetProperty("http").GetProperty("paths").EnumerateArray());
        Assert.Equal("/metrics", path.GetProperty("path").GetString());
        Assert.Equal("Exact", path.GetProperty("pathType").GetString());
        // The same host as the portal's own ingress, or the rule guards nothing.
        Assert.Equal(
            Assert.Single(main.GetProperty("spec").GetProperty("rules").EnumerateArray()).GetProperty("host").GetString(),
            rule.GetProperty("host").GetString());
    }

    [Fact]
    public async Task The_log_file_caps_in_the_settings_name_the_file_sink_of_appsettings()
    {
        var settings = (await ManifestAsync("configmap.yaml")).GetProperty("data");
        using var appsettings = JsonDocument.Parse(await File.ReadAllTextAsync(RepositoryFiles.PathOf(Path.Combine("ProfilePortal", "appsettings.json"))));
        var sinks = appsettings.RootElement.GetProperty("Serilog").GetProperty("WriteTo").EnumerateArray().ToList();

        var capped = settings.EnumerateObject().Where(p => p.Name.StartsWith("Serilog__WriteTo__", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(capped);
        Assert.All(capped, setting =>
        {
            // Serilog__WriteTo__<index>__Args__...: the index must still be the rolling file, or the cap is lost.
            var index = int.Parse(setting.Name.Split("__")[2], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal("File", sinks[index].GetProperty("Name").GetString());
        });
        Assert.Contains(capped, s => s.Name.EndsWith("__Args__fileSizeLimitBytes", StringComparison.Ordinal));
        Assert.Contains(capped, s => s.Name.EndsWith("__Args__retainedFileCountLimit", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_migration_job_runs_the_migrate_command_once_with_the_pods_settings()
    {
        var job = await ManifestAsync(Path.Combine("migrate", "job.yaml"));
        var pod = job.GetProperty("spec").GetProperty("template").GetProperty("spec");
        var container = Assert.Single(pod.GetProperty("containers").EnumerateArray());

        Assert.Equal("batch/v1", job.GetProperty("apiVersion").GetString());
        Assert.Equal(["migrate"], container.GetProperty("args").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("Never", pod.GetProperty("restartPolicy").GetString());
        Assert.True(pod.GetProperty("securityContext").GetProperty("runAsNonRoot").GetBoolean());
        Assert.Equal(["profileportal-config", "profileportal-secrets"], EnvironmentSources(container));
    }

    [Fact]
    public async Task The_settings_select_sql_server_and_the_secret_is_only_a_template()
    {
        var settings = (await ManifestAsync("configmap.yaml")).GetProperty("data");
        var secret = (await ManifestAsync("secret.template.yaml")).GetProperty("stringData");

        Assert.Equal("SqlServer", settings.GetProperty("Database__Provider").GetString());
        Assert.Equal("Production", settings.GetProperty("ASPNETCORE_ENVIRONMENT").GetString());
        Assert.False(settings.TryGetProperty("Database__MigrateOnStartup", out _));
        Assert.All(secret.EnumerateObject(), value => Assert.Matches("<[a-z-]+>", value.Value.GetString()));
    }

    [Fact]
    public async Task The_autoscaler_keeps_at_least_the_deployments_two_replicas()
    {
        var spec = (await ManifestAsync("hpa.yaml")).GetProperty("spec");

        Assert.Equal("profileportal", spec.GetProperty("scaleTargetRef").GetProperty("name").GetString());
        Assert.True(spec.GetProperty("minReplicas").GetInt32() >= 2);
        Assert.True(spec.GetProperty("maxReplicas").GetInt32() > spec.GetProperty("minReplicas").GetInt32());
    }

    private static Task<JsonElement> ManifestAsync(string file) => NodeTools.ReadYamlAsync(Path.Combine("deploy", "k8s", file));

    private static IEnumerable<string?> EnvironmentSources(JsonElement container) =>
        container.GetProperty("envFrom").EnumerateArray()
            .Select(source => (source.TryGetProperty("configMapRef", out var reference) ? reference : source.GetProperty("secretRef"))
                .GetProperty("name").GetString());
}
