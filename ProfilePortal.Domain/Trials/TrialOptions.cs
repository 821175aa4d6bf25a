using System.ComponentModel.DataAnnotations;

namespace ProfilePortal.Domain.Trials;

/// <summary>The trial's terms (section <c>Trials</c>).</summary>
public sealed class TrialOptions
{
    public const string SectionName = "Trials";

    /// <summary>How long a trial runs before it converts (seed 002: 7 days).</summary>
    [Range(typeof(TimeSpan), "00:10:00", "90.00:00:00")]
    public TimeSpan Length { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The reminders before the conversion, longest lead first. Empty means <see cref="DefaultReminderLeadTimes"/>.</summary>
    public TimeSpan[] ReminderLeadTimes { get; set; } = [];

    /// <summary>How many subscriptions one reminder batch reads.</summary>
    [Range(1, 10_000)]
    public int ReminderBatchSize { get; set; } = 500;

    /// <summary>24 hours and 1 hour before the conversion (seed 002).</summary>
    public static IReadOnlyList<TimeSpan> DefaultReminderLeadTimes { get; } = [TimeSpan.FromHours(24), TimeSpan.FromHours(1)];

    /// <summary>The lead times in force, longest first.</summary>
    public IReadOnlyList<TimeSpan> Reminders =>
        ReminderLeadTimes.Length > 0 ? [.. ReminderLeadTimes.OrderDescending()] : DefaultReminderLeadTimes;
}
