using System.ComponentModel.DataAnnotations;

namespace ProfilePortal.Domain.Retention;

/// <summary>The win-back emails' timing (section <c>WinBack</c>). The second delay must be longer than the first.</summary>
public sealed class WinBackOptions
{
    public const string SectionName = "WinBack";

    /// <summary>How long after access ends the first email goes out (seed 002: 7 days).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long after access ends the second, last email goes out (seed 002: 30 days).</summary>
    [Range(typeof(TimeSpan), "00:02:00", "730.00:00:00")]
    public TimeSpan SecondDelay { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How many win-backs one sweep batch reads.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 200;
}
