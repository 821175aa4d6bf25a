using ProfilePortal.Domain.Common;

namespace ProfilePortal.Tests.Unit.Common;

public sealed class ResultTests
{
    [Fact]
    public void A_successful_result_carries_its_value_and_no_errors()
    {
        Result<int> result = 42;

        Assert.True(result.Succeeded);
        Assert.Empty(result.Errors);
        Assert.Equal(42, result.Value);
    }

    [Fact]
    public void A_failed_result_carries_its_errors_and_refuses_to_give_a_value()
    {
        Result<int> result = Error.Validation("Email", "Enter a valid email address.");

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        Assert.Equal("Email", error.Field);
        Assert.Throws<InvalidOperationException>(() => result.Value);
    }
}
