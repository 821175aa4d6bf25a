namespace ProfilePortal.Infrastructure.Health;

/// <summary>Which endpoint runs a check: <c>/health/ready</c> runs the "ready" ones; <c>/health/live</c> runs none.</summary>
public static class HealthCheckTags
{
    public const string Ready = "ready";
}
