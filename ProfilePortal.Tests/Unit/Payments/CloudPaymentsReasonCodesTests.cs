using ProfilePortal.Infrastructure.Payments.CloudPayments;

namespace ProfilePortal.Tests.Unit.Payments;

public sealed class CloudPaymentsReasonCodesTests
{
    [Theory]
    [InlineData(5004)]
    [InlineData(5007)]
    [InlineData(5014)]
    [InlineData(5015)]
    [InlineData(5031)]
    [InlineData(5033)]
    [InlineData(5036)]
    [InlineData(5041)]
    [InlineData(5043)]
    [InlineData(5054)]
    [InlineData(5062)]
    [InlineData(5063)]
    public void Lost_stolen_expired_and_invalid_cards_are_hard_declines(int code) =>
        Assert.Equal(CloudPaymentsDeclineClass.Hard, CloudPaymentsReasonCodes.Classify(code));

    [Theory]
    [InlineData(5001)]
    [InlineData(5005)]
    [InlineData(5006)]
    [InlineData(5012)]
    [InlineData(5051)]
    [InlineData(5057)]
    [InlineData(5065)]
    [InlineData(5082)]
    [InlineData(5206)]
    [InlineData(5300)]
    public void Refusals_a_later_attempt_may_pass_are_soft_declines(int code) =>
        Assert.Equal(CloudPaymentsDeclineClass.Soft, CloudPaymentsReasonCodes.Classify(code));

    [Theory]
    [InlineData(5091)]
    [InlineData(5092)]
    [InlineData(5096)]
    public void An_unreachable_issuer_is_not_a_decline(int code) =>
        Assert.Equal(CloudPaymentsDeclineClass.IssuerUnavailable, CloudPaymentsReasonCodes.Classify(code));

    [Fact]
    public void An_unknown_code_is_a_soft_decline_described_by_its_number()
    {
        Assert.Equal(CloudPaymentsDeclineClass.Soft, CloudPaymentsReasonCodes.Classify(6017));
        Assert.Equal("Declined with reason code 6017", CloudPaymentsReasonCodes.Describe(6017));
    }

    [Fact]
    public void Known_codes_are_described_in_plain_english()
    {
        Assert.Equal("Insufficient funds", CloudPaymentsReasonCodes.Describe(5051));
        Assert.Equal("Expired card", CloudPaymentsReasonCodes.Describe(5054));
        Assert.Equal("Stolen card", CloudPaymentsReasonCodes.Describe(5043));
    }
}
