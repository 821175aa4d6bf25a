using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Domain.Profile;

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

    [Fact]
    public void Low_quota_emails_are_on_for_a_new_user()
    {
        var user = ApplicationUser.Create("anna@example.com", "ru", Now);

        Assert.True(user.NotifyWhenQuotaLow);
    }

    [Fact]
    public void Switching_low_quota_emails_off_is_a_tracked_change()
    {
        var user = ApplicationUser.Create("anna@example.com", "ru", Now);

        var changes = user.ApplyProfile(Unchanged(user) with { NotifyWhenQuotaLow = false });

        Assert.False(user.NotifyWhenQuotaLow);
        Assert.Equal([new FieldChange("NotifyWhenQuotaLow", "true", "false")], changes);
    }

    [Fact]
    public void Applying_the_same_values_changes_nothing()
    {
        var user = ApplicationUser.Create("anna@example.com", "ru", Now);

        Assert.Empty(user.ApplyProfile(Unchanged(user)));
    }

    private static ProfileUpdate Unchanged(ApplicationUser user) => new(
        user.FirstName, user.LastName, user.Company, user.Country, user.TimeZone, user.AvatarUrl, user.PhoneNumber,
        user.PreferredLanguage, user.NotifyWhenQuotaLow);
}
