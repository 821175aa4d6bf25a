using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Payments;

namespace ProfilePortal.Tests.Unit.Payments;

public sealed class CardBindingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static CardBinding NewBinding() => CardBinding.Start(Guid.NewGuid(), Guid.NewGuid(), Now);

    [Fact]
    public void A_binding_is_a_pending_one_rouble_check_under_its_own_invoice_and_void_request()
    {
        var binding = NewBinding();

        Assert.Equal((CardBindingStatus.Pending, Money.Rubles(1m), false), (binding.Status, binding.Hold, binding.HoldsMoney));
        Assert.Equal($"card:{binding.Id:N}", binding.InvoiceId);
        Assert.Equal($"card:{binding.Id:N}/void", binding.VoidRequestId);
        Assert.True(CardBinding.IsBindingInvoice(binding.InvoiceId));
        Assert.False(CardBinding.IsBindingInvoice("0193a5f1:1"));
        Assert.False(CardBinding.IsBindingInvoice(null));
    }

    [Fact]
    public void Bound_it_holds_money_due_for_the_sweep_a_minute_later_and_refuses_another_check()
    {
        var binding = NewBinding();
        var card = Guid.NewGuid();

        binding.Bind("7001", card, Now);

        Assert.Equal((CardBindingStatus.Bound, card, "7001", Now), (binding.Status, binding.PaymentMethodId!.Value, binding.ProviderTransactionId, binding.CompletedAt!.Value));
        Assert.Equal((true, Now.AddMinutes(1)), (binding.HoldsMoney, binding.NextVoidAttemptAt!.Value));
        Assert.False(binding.AcceptCheck());
        Assert.False(binding.Decline("5051", "Insufficient funds", Now));
        Assert.Throws<InvalidOperationException>(() => binding.Bind("7002", card, Now));
    }

    [Fact]
    public void A_decline_fails_it_and_a_new_check_opens_it_again()
    {
        var binding = NewBinding();

        Assert.True(binding.Decline("5051", "Insufficient funds", Now));
        Assert.Equal((CardBindingStatus.Failed, "5051", "Insufficient funds", false), (binding.Status, binding.FailureCode, binding.FailureReason, binding.HoldsMoney));

        Assert.True(binding.AcceptCheck());
        Assert.Equal((CardBindingStatus.Pending, null, null), (binding.Status, binding.FailureCode, binding.FailureReason));
    }

    [Fact]
    public void An_authorisation_without_a_token_fails_but_its_hold_is_still_released()
    {
        var binding = NewBinding();

        binding.FailWithHold("7001", "No token", Now);

        Assert.Equal((CardBindingStatus.Failed, "no_token", true), (binding.Status, binding.FailureCode, binding.HoldsMoney));
        Assert.Equal(Now.AddMinutes(1), binding.NextVoidAttemptAt);
    }

    [Fact]
    public void Unanswered_voids_are_resent_after_doubling_delays_of_at_most_an_hour()
    {
        var binding = NewBinding();
        binding.Bind("7001", Guid.NewGuid(), Now);

        var delays = Enumerable.Range(0, 9).Select(_ =>
        {
            binding.VoidPostponed("timeout", Now);
            return (binding.NextVoidAttemptAt!.Value - Now).TotalMinutes;
        }).ToList();

        Assert.Equal([1, 2, 4, 8, 16, 32, 60, 60, 60], delays);
        Assert.Equal((9, "timeout"), (binding.VoidAttempts, binding.VoidFailureReason));
    }

    [Fact]
    public void A_released_hold_is_no_longer_due_and_a_refused_void_is_not_sent_again()
    {
        var released = NewBinding();
        released.Bind("7001", Guid.NewGuid(), Now);
        var refused = NewBinding();
        refused.Bind("7002", Guid.NewGuid(), Now);

        released.Voided(Now);
        refused.VoidRefused("The transaction cannot be voided");

        Assert.Equal((false, Now, null), (released.HoldsMoney, released.VoidedAt!.Value, released.NextVoidAttemptAt));
        Assert.Equal((true, null, "The transaction cannot be voided"), (refused.HoldsMoney, refused.NextVoidAttemptAt, refused.VoidFailureReason));
    }
}
