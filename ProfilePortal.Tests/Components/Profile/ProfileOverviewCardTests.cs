using Bunit;
using ProfilePortal.Components.Profile;
using ProfilePortal.Domain.Organizations;
using ProfilePortal.Domain.Profile;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Components.Profile;

public sealed class ProfileOverviewCardTests : PortalComponentTestContext
{
    private static readonly ProfileView Anna = new(
        Guid.NewGuid(), "anna@example.com", "Анна", "Смирнова", "ML Lab", "DE", "Europe/Berlin", null, "+79161234567", "ru",
        NotifyWhenQuotaLow: true, new DateTimeOffset(2026, 9, 1, 23, 30, 0, TimeSpan.Zero), IsAdmin: false,
        Guid.NewGuid(), "Anna's workspace", OrganizationRole.Owner, "free", "Free", "v1");

    [Fact]
    public void Shows_every_detail_with_the_email_read_only_and_why()
    {
        var cut = Render<ProfileOverviewCard>(p => p.Add(c => c.Profile, Anna));

        Assert.Equal("Анна Смирнова", cut.Find("[data-testid=profile-name]").TextContent.Trim());
        Assert.Equal("anna@example.com", cut.Find("[data-testid=profile-email]").TextContent.Trim());
        Assert.Contains("cannot be changed here", cut.Find("[data-testid=profile-email-why]").TextContent, StringComparison.Ordinal);
        Assert.Equal("ML Lab", cut.Find("[data-testid=profile-company]").TextContent.Trim());
        Assert.Equal("Germany", cut.Find("[data-testid=profile-country]").TextContent.Trim());
        Assert.StartsWith("Europe/Berlin (UTC+01:00)", cut.Find("[data-testid=profile-time-zone]").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal("+79161234567", cut.Find("[data-testid=profile-phone]").TextContent.Trim());
        Assert.Equal("Русский", cut.Find("[data-testid=profile-language]").TextContent.Trim());
        Assert.Equal("Anna's workspace", cut.Find("[data-testid=profile-organization]").TextContent.Trim());
        Assert.Equal("Free", cut.Find("[data-testid=profile-plan]").TextContent.Trim());
        // 23:30 UTC on 1 September is already 2 September in Berlin.
        Assert.Equal("9/2/2026", cut.Find("[data-testid=profile-member-since]").TextContent.Trim());
        Assert.Contains("Owner of the organization", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void In_russian_the_country_plan_and_labels_are_russian()
    {
        UseCulture("ru");

        var cut = Render<ProfileOverviewCard>(p => p.Add(c => c.Profile, Anna));

        Assert.Equal("Германия", cut.Find("[data-testid=profile-country]").TextContent.Trim());
        Assert.Equal("Бесплатный", cut.Find("[data-testid=profile-plan]").TextContent.Trim());
        Assert.Equal("02.09.2026", cut.Find("[data-testid=profile-member-since]").TextContent.Trim());
        Assert.Contains("Владелец организации", cut.Markup, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, "en", "On")]
    [InlineData(false, "en", "Off")]
    [InlineData(true, "ru", "Включены")]
    [InlineData(false, "ru", "Выключены")]
    public void Shows_whether_low_quota_emails_are_on(bool on, string culture, string expected)
    {
        UseCulture(culture);

        var cut = Render<ProfileOverviewCard>(p => p.Add(c => c.Profile, Anna with { NotifyWhenQuotaLow = on }));

        Assert.Equal(expected, cut.Find("[data-testid=profile-notify-quota-low]").TextContent.Trim());
    }

    [Fact]
    public void Missing_values_say_not_set_and_an_empty_zone_is_utc()
    {
        var bare = Anna with { FirstName = null, LastName = null, Company = null, Country = null, TimeZone = null, Phone = null };

        var cut = Render<ProfileOverviewCard>(p => p.Add(c => c.Profile, bare));

        Assert.Equal("anna@example.com", cut.Find("[data-testid=profile-name]").TextContent.Trim());
        Assert.Equal("Not set", cut.Find("[data-testid=profile-company]").TextContent.Trim());
        Assert.Equal("Not set", cut.Find("[data-testid=profile-country]").TextContent.Trim());
        Assert.Equal("UTC (UTC+00:00)", cut.Find("[data-testid=profile-time-zone]").TextContent.Trim());
        Assert.Equal("A", cut.Find("[data-testid=profile-avatar-initials]").TextContent.Trim());
    }

    [Fact]
    public void Without_an_avatar_the_initials_show()
    {
        var cut = Render<ProfileOverviewCard>(p => p.Add(c => c.Profile, Anna));

        Assert.Equal("АС", cut.Find("[data-testid=profile-avatar-initials]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=profile-avatar-image]"));
        Assert.Contains("Profile picture of Анна Смирнова", cut.Find("[data-testid=profile-avatar]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_avatar_that_fails_to_load_falls_back_to_the_initials()
    {
        var cut = Render<ProfileOverviewCard>(p => p.Add(c => c.Profile, Anna with { AvatarUrl = "https://images.example.com/anna.png" }));
        var image = cut.Find("[data-testid=profile-avatar-image]");
        Assert.Equal("https://images.example.com/anna.png", image.GetAttribute("src"));
        Assert.Equal("no-referrer", image.GetAttribute("referrerpolicy"));
        Assert.Equal("Profile picture of Анна Смирнова", image.GetAttribute("alt"));

        await image.TriggerEventAsync("onerror", new Microsoft.AspNetCore.Components.Web.ErrorEventArgs());

        Assert.Equal("АС", cut.Find("[data-testid=profile-avatar-initials]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=profile-avatar-image]"));
    }

    [Fact]
    public void Markup_typed_into_a_field_is_shown_as_text()
    {
        var cut = Render<ProfileOverviewCard>(p => p.Add(c => c.Profile, Anna with { Company = "<script>alert(1)</script>" }));

        var company = cut.Find("[data-testid=profile-company]");
        Assert.Equal("<script>alert(1)</script>", company.TextContent.Trim());
        Assert.Empty(company.QuerySelectorAll("script"));
    }

    [Fact]
    public void Edit_is_the_action_the_page_passes_in_and_absent_without_it()
    {
        var without = Render<ProfileOverviewCard>(p => p.Add(c => c.Profile, Anna));
        var with = Render<ProfileOverviewCard>(p => p.Add(c => c.Profile, Anna).Add(c => c.EditAction, "<button data-testid=\"profile-edit\">Edit</button>"));

        Assert.Empty(without.FindAll("[data-testid=profile-edit]"));
        Assert.NotNull(with.Find(".mud-card-header-actions [data-testid=profile-edit]"));
    }
}
