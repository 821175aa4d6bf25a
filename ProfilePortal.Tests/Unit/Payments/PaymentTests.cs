using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Payments;

namespace ProfilePortal.Tests.Unit.Payments;

public sealed class PaymentTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Method = Guid.CreateVersion7();

    private static Payment NewPayment() =>
        Payment.ForPeriod(Guid.NewGuid(), Guid.NewGuid(), 1, PaymentPurpose.Subscription, "new_quarterly", Money.Rubles(9900m), "Quarterly", Guid.NewGuid(), Now);

    [Fact]
    public void An_attempt_gets_a_request_id_of_the_key_and_its_number()
    {
        var payment = NewPayment();

        Assert.True(payment.BeginAttempt("sandbox", Method, "•••• 4242", Now));

        Assert.EndsWith(":1/1", payment.RequestId, StringComparison.Ordinal);
        Assert.True(payment.HasOpenAttempt);
    }

    [Fact]
    public void An_attempt_without_an_answer_is_resent_as_the_same_request_even_with_another_card()
    {
        var payment = NewPayment();
        payment.BeginAttempt("sandbox", Method, "•••• 4242", Now);
        payment.RecordProviderFailure("timeout");
        var first = payment.RequestId;

        Assert.True(payment.BeginAttempt("sandbox", Guid.CreateVersion7(), "•••• 0002", Now.AddMinutes(1)));

        Assert.Equal(first, payment.RequestId);
        Assert.Equal((Method, "•••• 4242"), (payment.PaymentMethodId!.Value, payment.CardMask));
    }

    [Fact]
    public void After_a_decline_the_next_attempt_is_a_new_request()
    {
        var payment = NewPayment();
        payment.BeginAttempt("sandbox", Method, "•••• 9995", Now);
        payment.Decline("5051", "Insufficient funds", DeclineKind.Soft);
        Assert.Equal(PaymentStatus.Failed, payment.Status);

        payment.BeginAttempt("sandbox", Method, "•••• 4242", Now);

        Assert.EndsWith("/2", payment.RequestId, StringComparison.Ordinal);
        Assert.Equal(PaymentStatus.Pending, payment.Status);
    }

    [Fact]
    public void Success_is_recorded_once_and_a_paid_payment_starts_no_attempt()
    {
        var payment = NewPayment();
        payment.BeginAttempt("sandbox", Method, "•••• 4242", Now);

        Assert.True(payment.Succeed("tx-1", Now));
        Assert.False(payment.Succeed("tx-1", Now.AddSeconds(1)));
        Assert.False(payment.Succeed("tx-2", Now.AddSeconds(2)));
        Assert.False(payment.BeginAttempt("sandbox", Method, "•••• 4242", Now));
        Assert.Equal(("tx-1", Now), (payment.ProviderTransactionId, payment.SucceededAt!.Value));
    }

    [Fact]
    public void Refunds_add_up_to_the_amount_and_never_past_it()
    {
        var payment = NewPayment();
        Assert.Throws<InvalidOperationException>(() => payment.RecordRefund(100m));
        payment.BeginAttempt("sandbox", Method, "•••• 4242", Now);
        payment.Succeed("tx-1", Now);

        payment.RecordRefund(900m);
        Assert.Equal(PaymentStatus.PartiallyRefunded, payment.Status);
        Assert.Throws<ArgumentOutOfRangeException>(() => payment.RecordRefund(9001m));
        payment.RecordRefund(9000m);

        Assert.Equal((PaymentStatus.Refunded, 9900m), (payment.Status, payment.RefundedAmount));
    }

    [Fact]
    public void A_checkout_not_yet_charged_can_change_plan_but_not_while_an_attempt_is_open()
    {
        var payment = NewPayment();

        payment.Reprice("new_annual", Money.Rubles(28800m), "Annual");
        Assert.Equal(("new_annual", 28800m), (payment.PlanCode, payment.Amount));

        payment.BeginAttempt("sandbox", Method, "•••• 4242", Now);
        Assert.Throws<InvalidOperationException>(() => payment.Reprice("new_monthly", Money.Rubles(3900m), "Monthly"));
    }

    [Fact]
    public void A_receipt_number_is_dated_and_derived_from_the_id()
    {
        var payment = NewPayment();

        Assert.Matches(@"^R-20261123-[0-9A-F]{8}$", payment.ReceiptNumber);
    }

    [Theory]
    [InlineData("ru-RU", 9900, "9 900 ₽")]
    [InlineData("en-US", 9900, "₽9,900")]
    [InlineData("ru-RU", 490.5, "490,50 ₽")]
    public void Money_is_shown_in_the_reader_culture(string culture, double amount, string expected)
    {
        var text = Money.Rubles((decimal)amount).Format(System.Globalization.CultureInfo.GetCultureInfo(culture));

        Assert.Equal(expected, text.Replace('\u00A0', ' ').Replace('\u202F', ' '));
    }
}
