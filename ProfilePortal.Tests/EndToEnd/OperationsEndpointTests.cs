using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Domain.Organizations;
using ProfilePortal.Domain.Profile;
using ProfilePortal.Domain.Trials;
using ProfilePortal.Infrastructure.Payments.Sandbox;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.EndToEnd;

/// <summary>What an operator and a monitoring system see over HTTP.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class OperationsEndpointTests(PortalApp app) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = app.BaseAddress };

    [Fact]
    public async Task Liveness_answers_without_running_checks()
    {
        using var response = await _http.GetAsync(new Uri("health/live", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
        Assert.Equal(0, body.RootElement.GetProperty("checks").GetArrayLength());
    }

    [Fact]
    public async Task Readiness_reports_database_scheduler_and_smtp()
    {
        using var response = await _http.GetAsync(new Uri("health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var checks = body.RootElement.GetProperty("checks").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString());
        Assert.Equal("Healthy", checks["database"]);
        Assert.Equal("Healthy", checks["scheduler"]);
        Assert.Equal("Healthy", checks["smtp"]);
    }

    [Fact]
    public async Task The_metrics_endpoint_exports_the_profile_and_trial_counters_for_prometheus()
    {
        var email = await app.ConfirmedUserAsync("a-long-enough-secret", "metrics");
        var user = await app.FindUserAsync(email);
        await app.Services.GetRequiredService<ProfileService>().LoadPageAsync(user!.Id);
        var workspace = await app.Services.GetRequiredService<OrganizationAccess>().GetWorkspaceAsync(user.Id);
        var card = SandboxCards.Tokenize("4242424242424242", 12, 2030, "123", DateTimeOffset.UtcNow).Value;
        var trial = await app.Services.GetRequiredService<TrialService>().StartAsync(user.Id, workspace!.Current.OrganizationId, "new_monthly", card, "127.0.0.1");
        Assert.True(trial.Succeeded);

        using var scrape = new HttpRequestMessage(HttpMethod.Get, new Uri("metrics", UriKind.Relative));
        scrape.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", PortalApp.MetricsScrapeToken);
        using var response = await _http.SendAsync(scrape);
        var exposition = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches(@"(?m)^profile_view_total(\{[^}]*\})? [1-9]", exposition);
        Assert.Contains("profile_activity_events_total", exposition, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^trial_started_total\{[^}]*plan=""new_monthly""[^}]*\} [1-9]", exposition);
    }

    [Fact]
    public async Task Pages_carry_the_security_headers()
    {
        using var response = await _http.GetAsync(new Uri("Account/Login", UriKind.Relative));

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    public void Dispose() => _http.Dispose();
}
