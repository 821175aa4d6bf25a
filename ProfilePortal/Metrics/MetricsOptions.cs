namespace ProfilePortal.Metrics;

/// <summary>The <c>Metrics</c> section: how a scraper proves it may read <c>/metrics</c>.</summary>
internal sealed class MetricsOptions
{
    public const string SectionName = "Metrics";

    /// <summary>
    /// The bearer token Prometheus sends (a secret, at least 32 characters). Empty: only a signed-in site admin
    /// reads the metrics.
    /// </summary>
    public string? ScrapeToken { get; set; }
}
