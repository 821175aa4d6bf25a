using System.ComponentModel.DataAnnotations;

namespace ProfilePortal.Domain.Retention;

/// <summary>The terms of the save offers and of pausing (section <c>Retention</c>).</summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    /// <summary>The discount offered to a customer who finds the plan too expensive, in percent of each charge.</summary>
    [Range(1, 90)]
    public int DiscountPercent { get; set; } = 20;

    /// <summary>For how many of the next charges the discount applies.</summary>
    [Range(1, 24)]
    public int DiscountPeriods { get; set; } = 3;

    /// <summary>A customer gets the discount at most once in this many months (seed 002: 12).</summary>
    [Range(1, 120)]
    public int DiscountCooldownMonths { get; set; } = 12;

    /// <summary>At most one pause in this many months (seed 002: 6).</summary>
    [Range(1, 60)]
    public int PauseCooldownMonths { get; set; } = 6;

    /// <summary>The pause lengths a customer may choose, in months (seed 002: 1, 2 or 3).</summary>
    public int[] PauseMonths { get; set; } = [];

    /// <summary>How long before a pause ends its customer is reminded that billing resumes (seed 002: "before resume").</summary>
    [Range(typeof(TimeSpan), "01:00:00", "14.00:00:00")]
    public TimeSpan PauseReminderLead { get; set; } = TimeSpan.FromDays(3);

    /// <summary>How many paused subscriptions one reminder batch reads.</summary>
    [Range(1, 10_000)]
    public int PauseReminderBatchSize { get; set; } = 500;

    /// <summary>The pause lengths in force: the configured ones, or 1, 2 and 3.</summary>
    public IReadOnlyList<int> PauseLengths => PauseMonths.Length > 0 ? [.. PauseMonths.Distinct().Order()] : [1, 2, 3];
}
