using ProfilePortal.Domain.Identity;

namespace ProfilePortal.Tests.Unit.Identity;

public sealed class ApplicationUserTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_new_user_signs_in_with_the_email_and_remembers_when_it_was_created()
    {
        var user = ApplicationUser.Create("anna@example.com", "en-GB", Now);

        Assert.Equal("anna@example.com", user.UserName);
        Assert.Equal("anna@example.com", user.Email);
        Assert.Equal("en", user.PreferredLanguage);
        Assert.Equal(Now, user.CreatedAt);
        Assert.False(user.TrialUsed);
    }

    [Fact]
    public void Display_name_falls_back_to_the_email_until_a_name_is_set()
    {
        var user = ApplicationUser.Create("anna@example.com", "ru", Now);
        Assert.Equal("anna@example.com", user.DisplayName);

        user.FirstName = "Анна";
        Assert.Equal("Анна", user.DisplayName);

        user.LastName = "Смирнова";
        Assert.Equal("Анна Смирнова", user.DisplayName);
    }
}
