using ProfilePortal.Domain.Common;

namespace ProfilePortal.Domain.Retention;

/// <summary>
/// What an upgrade mid-period costs: the new plan's price less a credit for the unused part of the period already
/// paid, in proportion to the time left (to the second), rounded to kopecks in the customer's favour.
/// </summary>
public static class Proration
{
    /// <summary>The credit for the unused part of a period paid <paramref name="paid"/> that runs from start to end.</summary>
    public static Money Credit(Money paid, DateTimeOffset periodStart, DateTimeOffset periodEnd, DateTimeOffset now)
    {
        if (periodEnd <= periodStart)
        {
            throw new ArgumentException("A period ends after it starts.", nameof(periodEnd));
        }

        if (now >= periodEnd || paid.Amount <= 0)
        {
            return new Money(0m, paid.Currency);
        }

        var from = now < periodStart ? periodStart : now;
        var unused = (decimal)(periodEnd - from).Ticks / (periodEnd - periodStart).Ticks;
        return new Money(decimal.Round(paid.Amount * unused, 2, MidpointRounding.ToPositiveInfinity), paid.Currency);
    }

    /// <summary>What is charged now for <paramref name="newPlanTotal"/> with <paramref name="credit"/>: never below zero.</summary>
    public static Money ChargeNow(Money newPlanTotal, Money credit)
    {
        if (newPlanTotal.Currency != credit.Currency)
        {
            throw new ArgumentException("The credit is in another currency.", nameof(credit));
        }

        return new Money(Math.Max(0m, newPlanTotal.Amount - credit.Amount), newPlanTotal.Currency);
    }
}
