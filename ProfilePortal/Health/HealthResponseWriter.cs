using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ProfilePortal.Health;

/// <summary>
/// Writes a health report as JSON: overall status and each check's status and duration. No exception text or
/// connection detail, since the endpoint is reachable without signing in.
/// </summary>
internal static class HealthResponseWriter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            durationMs = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            checks = report.Entries.Select(entry => new
            {
                name = entry.Key,
                status = entry.Value.Status.ToString(),
                durationMs = Math.Round(entry.Value.Duration.TotalMilliseconds, 1),
                description = entry.Value.Description,
            }),
        };
        return context.Response.WriteAsJsonAsync(body, Json);
    }
}
