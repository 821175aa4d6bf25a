using Microsoft.Extensions.Time.Testing;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Payments;
using ProfilePortal.Infrastructure.Payments.Sandbox;

namespace ProfilePortal.Tests.Unit.Payments;

public sealed class SandboxCardsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static CardDetails Card(string number, int month = 12, int year = 2030) =>
        SandboxCards.Tokenize(number, month, year, "123", Now).Value;

    private static ChargeRequest Charge(CardDetails card, string requestId = "sub:1/1", decimal amount = 9900m) =>
        new(card.Token, Money.Rubles(amount), requestId.Split('/')[0], requestId, "org", "Quarterly", null, ChargeInitiator.Customer);

    [Fact]
    public void A_test_card_is_tokenized_with_its_brand_last_digits_expiry_and_a_stable_fingerprint()
    {
        var card = Card("4242 4242 4242 4242", 3, 28);

        Assert.Equal(("Visa", "4242", 3, 2028), (card.Brand, card.Last4, card.ExpiryMonth, card.ExpiryYear));
        Assert.DoesNotContain("4242424242424242", card.Token, StringComparison.Ordinal);
        Assert.Equal(card.Fingerprint, Card("4242424242424242").Fingerprint);
    }

    [Theory]
    [InlineData("4242 4242 4242 4241", 12, 2030, "123", "number")]
    [InlineData("4242 4242 4242 4242", 13, 2030, "123", "expiry")]
    [InlineData("4242 4242 4242 4242", 10, 2026, "123", "expiry")]
    [InlineData("4242 4242 4242 4242", 12, 2030, "12a", "cvc")]
    [InlineData("not a card", 12, 2030, "123", "number")]
    public void Bad_card_input_names_the_field(string number, int month, int year, string cvc, string field)
    {
        var result = SandboxCards.Tokenize(number, month, year, cvc, Now);

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Field == field);
    }

    [Fact]
    public void A_card_is_good_to_the_end_of_its_expiry_month()
    {
        Assert.True(SandboxCards.Tokenize("4242424242424242", 11, 2026, "123", Now).Succeeded);
    }

    [Theory]
    [InlineData("4242424242424242", null)]
    [InlineData("5555555555554444", null)]
    [InlineData("2200000000000004", null)]
    [InlineData("4000000000009995", "5051")]
    [InlineData("4000000000000069", "5054")]
    [InlineData("4000000000000002", "5005")]
    public async Task Each_test_card_charges_as_documented(string number, string? declineCode)
    {
        var gateway = new SandboxGateway(new FakeTimeProvider(Now));

        var outcome = await gateway.ChargeAsync(Charge(Card(number)));

        if (declineCode is null)
        {
            Assert.IsType<ChargeOutcome.Succeeded>(outcome);
        }
        else
        {
            Assert.Equal(declineCode, Assert.IsType<ChargeOutcome.Declined>(outcome).Code);
        }
    }

    [Fact]
    public async Task Hard_and_soft_declines_are_told_apart()
    {
        var gateway = new SandboxGateway(new FakeTimeProvider(Now));

        var expired = Assert.IsType<ChargeOutcome.Declined>(await gateway.ChargeAsync(Charge(Card("4000000000000069"))));
        var funds = Assert.IsType<ChargeOutcome.Declined>(await gateway.ChargeAsync(Charge(Card("4000000000009995"), "sub:2/1")));

        Assert.Equal((DeclineKind.Hard, DeclineKind.Soft), (expired.Kind, funds.Kind));
    }

    [Fact]
    public async Task The_flaky_card_fails_the_first_send_and_its_resend_succeeds_once()
    {
        var gateway = new SandboxGateway(new FakeTimeProvider(Now));
        var request = Charge(Card("4000000000000119"));

        Assert.IsType<ChargeOutcome.Failed>(await gateway.ChargeAsync(request));
        var second = Assert.IsType<ChargeOutcome.Succeeded>(await gateway.ChargeAsync(request));
        var third = Assert.IsType<ChargeOutcome.Succeeded>(await gateway.ChargeAsync(request));

        Assert.Equal(second.TransactionId, third.TransactionId);
        Assert.Single(gateway.Charges);
    }

    [Fact]
    public async Task The_same_request_sent_in_parallel_is_charged_once()
    {
        var gateway = new SandboxGateway(new FakeTimeProvider(Now));
        var request = Charge(Card("4242424242424242"));

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => gateway.ChargeAsync(request))));

        Assert.Single(outcomes.Cast<ChargeOutcome.Succeeded>().Select(o => o.TransactionId).Distinct());
        Assert.Single(gateway.Charges);
    }

    [Fact]
    public async Task A_saved_card_that_expired_since_is_declined_as_expired()
    {
        var clock = new FakeTimeProvider(Now);
        var gateway = new SandboxGateway(clock);
        var card = Card("4242424242424242", 12, 2026);

        clock.SetUtcNow(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var outcome = Assert.IsType<ChargeOutcome.Declined>(await gateway.ChargeAsync(Charge(card)));

        Assert.Equal(("5054", DeclineKind.Hard), (outcome.Code, outcome.Kind));
    }

    [Fact]
    public async Task A_token_that_is_not_a_sandbox_token_is_declined()
    {
        var gateway = new SandboxGateway(new FakeTimeProvider(Now));

        var outcome = await gateway.ChargeAsync(new ChargeRequest("tok_from_elsewhere", Money.Rubles(100m), "x", "x/1", "org", "d", null, ChargeInitiator.Merchant));

        Assert.Equal("5014", Assert.IsType<ChargeOutcome.Declined>(outcome).Code);
    }
}
