using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Retention;

namespace ProfilePortal.Tests.Unit.Retention;

public sealed class CancellationFeedbackTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Only_the_offer_shown_is_accepted_and_a_pause_only_with_a_length_that_was_shown()
    {
        var pause = Begin(new SaveOffer.Pause([1, 2, 3]));
        var discount = Begin(new SaveOffer.Discount(20, 3));
        var plan = Begin(new SaveOffer.LongerPlan("new_annual", "Annual", 12, Money.Rubles(2400m), Money.Rubles(900m)));
        var none = Begin(null);

        Assert.True(pause.Showed(SaveOfferKind.Pause, 2));
        Assert.False(pause.Showed(SaveOfferKind.Pause, 4));
        Assert.False(pause.Showed(SaveOfferKind.Pause, null));
        Assert.False(pause.Showed(SaveOfferKind.Discount, null));
        Assert.True(discount.Showed(SaveOfferKind.Discount, null));
        Assert.False(discount.Showed(SaveOfferKind.Discount, 1));
        Assert.True(plan.Showed(SaveOfferKind.LongerPlan, null));
        Assert.Equal(("new_annual", (int?)null, (int?)null), (plan.OfferPlanCode, plan.OfferPercent, plan.OfferPeriods));
        Assert.Equal([1, 2, 3], pause.ShownPauseMonths);
        Assert.False(none.Showed(SaveOfferKind.Discount, null));
        Assert.Throws<InvalidOperationException>(() => discount.AcceptOffer(SaveOfferKind.Pause, 1, Now));
    }

    [Fact]
    public void A_flow_is_decided_once()
    {
        var feedback = Begin(new SaveOffer.Discount(20, 3));
        feedback.AcceptOffer(SaveOfferKind.Discount, null, Now);

        Assert.Equal((CancellationOutcome.Saved, (DateTimeOffset?)Now), (feedback.Outcome, feedback.DecidedAt));
        Assert.Throws<InvalidOperationException>(() => feedback.Confirm(Now));
        Assert.Throws<InvalidOperationException>(() => feedback.Abandon(Now));
        Assert.Throws<InvalidOperationException>(() => feedback.AcceptOffer(SaveOfferKind.Discount, null, Now));
    }

    [Fact]
    public void The_customers_words_are_trimmed_and_blank_words_are_not_kept()
    {
        Assert.Equal("Grant ended", CancellationFeedback.Begin(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "new_monthly", CancellationReason.Other, "  Grant ended ", null, Now).OtherText);
        Assert.Null(CancellationFeedback.Begin(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "new_monthly", CancellationReason.TooExpensive, "   ", null, Now).OtherText);
        Assert.Throws<ArgumentOutOfRangeException>(() => CancellationFeedback.Begin(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "x", (CancellationReason)99, null, null, Now));
    }

    private static CancellationFeedback Begin(SaveOffer? offer) =>
        CancellationFeedback.Begin(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "new_monthly", CancellationReason.TooExpensive, null, offer, Now);
}
