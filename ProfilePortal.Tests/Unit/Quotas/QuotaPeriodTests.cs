using ProfilePortal.Domain.Quotas;

namespace ProfilePortal.Tests.Unit.Quotas;

public sealed class QuotaPeriodTests
{
    private static DateTimeOffset Utc(int year, int month, int day, int hour = 0, int minute = 0) =>
        new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void The_free_period_is_the_calendar_month_in_utc_and_resets_on_the_first_at_midnight()
    {
        var period = QuotaPeriod.CalendarMonth(Utc(2026, 11, 23, 9));

        Assert.Equal(Utc(2026, 11, 1), period.Start);
        Assert.Equal(Utc(2026, 12, 1), period.End);
    }

    [Fact]
    public void The_last_instant_of_a_month_is_in_it_and_the_first_of_the_next_is_not()
    {
        var period = QuotaPeriod.CalendarMonth(Utc(2026, 11, 30, 23, 59));

        Assert.True(period.Contains(Utc(2026, 11, 30, 23, 59)));
        Assert.False(period.Contains(Utc(2026, 12, 1)));
        Assert.Equal(Utc(2026, 12, 1), QuotaPeriod.CalendarMonth(Utc(2026, 12, 1)).Start);
    }

    [Fact]
    public void A_local_time_already_in_the_next_utc_month_belongs_to_the_utc_month()
    {
        // 1 December 02:00 in Moscow is still 30 November 23:00 UTC.
        var moscow = new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.FromHours(3));

        Assert.Equal(Utc(2026, 11, 1), QuotaPeriod.CalendarMonth(moscow).Start);
    }

    [Fact]
    public void A_paid_period_resets_on_the_monthly_anniversary_of_its_start()
    {
        var anchor = Utc(2026, 9, 15, 10, 30);

        var period = QuotaPeriod.MonthlyAnniversary(anchor, Utc(2027, 9, 15, 10, 30), Utc(2026, 11, 23));

        Assert.Equal(Utc(2026, 11, 15, 10, 30), period.Start);
        Assert.Equal(Utc(2026, 12, 15, 10, 30), period.End);
    }

    [Fact]
    public void An_anniversary_on_the_31st_falls_on_the_last_day_of_short_months_and_returns_after()
    {
        var anchor = Utc(2026, 1, 31);

        Assert.Equal(Utc(2026, 2, 28), QuotaPeriod.MonthlyAnniversary(anchor, null, Utc(2026, 3, 1)).Start);
        Assert.Equal(Utc(2026, 3, 31), QuotaPeriod.MonthlyAnniversary(anchor, null, Utc(2026, 3, 31)).Start);
        Assert.Equal(Utc(2026, 2, 28), QuotaPeriod.MonthlyAnniversary(anchor, null, Utc(2026, 3, 30, 23, 59)).Start);
    }

    [Fact]
    public void The_anniversary_instant_itself_starts_the_new_period()
    {
        var anchor = Utc(2026, 9, 15, 10, 30);

        Assert.Equal(Utc(2026, 10, 15, 10, 30), QuotaPeriod.MonthlyAnniversary(anchor, null, Utc(2026, 10, 15, 10, 30)).Start);
        Assert.Equal(Utc(2026, 9, 15, 10, 30), QuotaPeriod.MonthlyAnniversary(anchor, null, Utc(2026, 10, 15, 10, 29)).Start);
    }

    [Fact]
    public void A_period_never_runs_past_the_end_of_the_billing_period()
    {
        // A 7-day trial: one short period that ends with the trial.
        var trialStart = Utc(2026, 11, 20, 12);

        var period = QuotaPeriod.MonthlyAnniversary(trialStart, trialStart.AddDays(7), Utc(2026, 11, 23));

        Assert.Equal(trialStart, period.Start);
        Assert.Equal(trialStart.AddDays(7), period.End);
    }
}
