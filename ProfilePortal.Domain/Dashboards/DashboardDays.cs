namespace ProfilePortal.Domain.Dashboards;

/// <summary>The dashboards count by UTC day, the same day for every admin whatever their time zone.</summary>
public static class DashboardDays
{
    public static DateOnly Of(DateTimeOffset instant) => DateOnly.FromDateTime(instant.UtcDateTime);

    public static DateTimeOffset Start(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
