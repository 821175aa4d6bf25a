using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Retention;

namespace ProfilePortal.Tests.Unit.Retention;

public sealed class ProrationTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset End = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_credit_is_the_unused_share_of_the_period_rounded_up_to_the_kopeck()
    {
        Assert.Equal(Money.Rubles(1950m), Proration.Credit(Money.Rubles(3900m), Start, End, Start.AddDays(15)));
        Assert.Equal(Money.Rubles(3900m), Proration.Credit(Money.Rubles(3900m), Start, End, Start));
        Assert.Equal(Money.Rubles(0.01m), Proration.Credit(Money.Rubles(3900m), Start, End, End.AddSeconds(-1)));
        Assert.Equal(Money.Rubles(0m), Proration.Credit(Money.Rubles(3900m), Start, End, End));
        Assert.Equal(Money.Rubles(3640m), Proration.Credit(Money.Rubles(3900m), Start, End, Start.AddDays(2)));
    }

    [Fact]
    public void The_upgrade_charges_the_new_total_less_the_credit_and_never_less_than_nothing()
    {
        var credit = Proration.Credit(Money.Rubles(9900m), Start, Start.AddMonths(3), Start.AddDays(46));

        Assert.Equal(Money.Rubles(28800m - credit.Amount), Proration.ChargeNow(Money.Rubles(28800m), credit));
        Assert.Equal(Money.Rubles(0m), Proration.ChargeNow(Money.Rubles(100m), Money.Rubles(250m)));
    }

    [Fact]
    public void A_period_that_ends_before_it_starts_or_a_credit_in_another_currency_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Proration.Credit(Money.Rubles(1m), End, Start, Start));
        Assert.Throws<ArgumentException>(() => Proration.ChargeNow(Money.Rubles(1m), new Money(1m, "USD")));
    }
}
