namespace ProfilePortal.Components.Admin;

/// <summary>What an admin types to extend a quota; the service checks it.</summary>
public sealed class QuotaExtensionInput
{
    public int Launches { get; set; } = 10;

    public string? Reason { get; set; }

    /// <summary>The last day the launches count (through its end, UTC); none means the end of the quota period.</summary>
    public DateTime? ExpiresOn { get; set; }

    public DateTimeOffset? ExpiresAt => ExpiresOn is { } day ? new DateTimeOffset(day.Date.AddDays(1), TimeSpan.Zero) : null;
}
