namespace ProfilePortal.Domain.Quotas;

/// <summary>The half-open interval [Start, End) in which launches count against one quota.</summary>
public readonly record struct QuotaPeriod(DateTimeOffset Start, DateTimeOffset End)
{
    public bool Contains(DateTimeOffset instant) => instant >= Start && instant < End;

    /// <summary>Free plan: the calendar month in UTC; it resets on the 1st at 00:00 UTC.</summary>
    public static QuotaPeriod CalendarMonth(DateTimeOffset now)
    {
        var utc = now.ToUniversalTime();
        var start = new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero);
        return new QuotaPeriod(start, start.AddMonths(1));
    }

    /// <summary>
    /// Paid plan or trial: monthly anniversaries of <paramref name="anchor"/> (the billing period's start),
    /// never past <paramref name="billingEnd"/>. Each anniversary is counted from the anchor, so a period that
    /// starts on the 31st resets on the last day of shorter months and on the 31st again after them.
    /// </summary>
    public static QuotaPeriod MonthlyAnniversary(DateTimeOffset anchor, DateTimeOffset? billingEnd, DateTimeOffset now)
    {
        anchor = anchor.ToUniversalTime();
        if (now < anchor)
        {
            return Cap(new QuotaPeriod(anchor, anchor.AddMonths(1)), billingEnd);
        }

        var months = ((now.Year - anchor.Year) * 12) + now.Month - anchor.Month;
        var start = anchor.AddMonths(months);
        if (start > now)
        {
            start = anchor.AddMonths(--months);
        }

        return Cap(new QuotaPeriod(start, anchor.AddMonths(months + 1)), billingEnd);
    }

    private static QuotaPeriod Cap(QuotaPeriod period, DateTimeOffset? billingEnd) =>
        billingEnd is { } end && end < period.End && end > period.Start ? period with { End = end } : period;
}
