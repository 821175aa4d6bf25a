using Bunit;
using ProfilePortal.Components.Account.Pages;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Components.Account;

public sealed class LockoutTests : PortalComponentTestContext
{
    [Theory]
    [InlineData("en", "Try again in 5 min.")]
    [InlineData("ru", "Попробуйте снова через 5 мин.")]
    public void Tells_how_many_minutes_are_left(string culture, string expected)
    {
        UseCulture(culture);
        Navigation.NavigateTo($"Account/Lockout?until={Clock.GetUtcNow().AddMinutes(4.5).ToUnixTimeSeconds()}");

        var cut = Render<Lockout>();

        Assert.Contains(expected, cut.Find("[data-testid=lockout-status]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Says_the_lock_is_over_once_the_time_has_passed()
    {
        Navigation.NavigateTo($"Account/Lockout?until={Clock.GetUtcNow().AddMinutes(-1).ToUnixTimeSeconds()}");

        var cut = Render<Lockout>();

        Assert.Contains("you can sign in again", cut.Find("[data-testid=lockout-status]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_time_it_asks_to_try_again_in_a_few_minutes()
    {
        Navigation.NavigateTo("Account/Lockout");

        var cut = Render<Lockout>();

        Assert.Contains("in a few minutes", cut.Find("[data-testid=lockout-status]").TextContent, StringComparison.Ordinal);
    }
}
