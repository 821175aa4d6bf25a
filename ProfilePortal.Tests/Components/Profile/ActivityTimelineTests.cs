using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using ProfilePortal.Components.Profile;
using ProfilePortal.Domain.Activity;
using ProfilePortal.Resources;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Components.Profile;

public sealed class ActivityTimelineTests : PortalComponentTestContext
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("en", "No activity in the last 14 days")]
    [InlineData("ru", "За последние 14 дн. действий не было")]
    public void Without_events_the_empty_state_says_so(string culture, string text)
    {
        UseCulture(culture);

        var cut = Render<ActivityTimeline>(p => p.Add(c => c.Items, []).Add(c => c.WindowDays, 14));

        Assert.Contains(text, cut.Find("[data-testid=activity-empty]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=activity-item]"));
        Assert.Empty(cut.FindAll("[data-testid=activity-show-more]"));
    }

    [Fact]
    public void Every_kind_shows_its_label_title_and_time_in_the_users_zone_in_the_given_order()
    {
        ActivityItem[] items =
        [
            new(ActivityKind.TrainingRun, "resnet50-finetune #3", Noon),
            new(ActivityKind.DatasetUpload, "images.zip", Noon.AddMinutes(-5)),
            new(ActivityKind.Job, "evaluate-checkpoint", Noon.AddMinutes(-10)),
            new(ActivityKind.QuotaChanged, "+20 launches", Noon.AddMinutes(-15)),
            new(ActivityKind.PlanChanged, "Monthly", Noon.AddMinutes(-20)),
            new(ActivityKind.ProfileEdited, "Company, TimeZone", Noon.AddMinutes(-25)),
        ];

        var cut = Render<ActivityTimeline>(p => p.Add(c => c.Items, items).Add(c => c.TimeZone, "Asia/Tokyo"));

        var rows = cut.FindAll("[data-testid=activity-item]");
        Assert.Equal(items.Select(i => i.Kind.ToString()), rows.Select(r => r.GetAttribute("data-kind")));
        Assert.All(rows, row => Assert.NotNull(row.QuerySelector("svg")));
        Assert.Contains("Training run", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("resnet50-finetune #3", rows[0].QuerySelector("[data-testid=activity-title]")!.TextContent.Trim());
        Assert.Equal("11/23/2026 9:00 PM", DisplayText.Spaced(rows[0].QuerySelector("time")!.TextContent));
        Assert.Equal("2026-11-23T21:00:00+09:00", rows[0].QuerySelector("time")!.GetAttribute("datetime"));
        Assert.Equal("Profile updated: Company, Time zone", rows[5].QuerySelector("[data-testid=activity-title]")!.TextContent.Trim());
    }

    [Theory]
    [InlineData("en", "Profile updated: Phone, Low-quota emails")]
    [InlineData("ru", "Профиль обновлён: Телефон, Письма о квоте")]
    public void Every_field_an_edit_records_is_named_in_the_readers_language(string culture, string expected)
    {
        // The names the profile edit records (ApplicationUser.ApplyProfile): every one has a label.
        string[] recorded = ["FirstName", "LastName", "Company", "Country", "TimeZone", "AvatarUrl", "PhoneNumber", "PreferredLanguage", "NotifyWhenQuotaLow"];
        UseCulture(culture);

        var labels = Services.GetRequiredService<IStringLocalizer<SharedResource>>();
        var two = Render<ActivityTimeline>(p => p.Add(c => c.Items, [new ActivityItem(ActivityKind.ProfileEdited, "PhoneNumber, NotifyWhenQuotaLow", Noon)]));

        Assert.All(recorded, name => Assert.False(labels[$"Profile.Field.{name}"].ResourceNotFound, $"{name} has no label."));
        Assert.Equal(expected, two.Find("[data-testid=activity-title]").TextContent.Trim());
    }

    [Theory]
    [InlineData("en", "You")]
    [InlineData("ru", "Вы")]
    public void Each_item_says_who_did_it_you_for_the_viewers_own_the_members_name_otherwise(string culture, string you)
    {
        var viewer = Guid.NewGuid();
        var colleague = Guid.NewGuid();
        ActivityItem[] items =
        [
            new(ActivityKind.TrainingRun, "mine", Noon, viewer, "Ann Lee"),
            new(ActivityKind.TrainingRun, "theirs", Noon.AddMinutes(-5), colleague, "Bob Stone"),
            new(ActivityKind.Job, "the platform's", Noon.AddMinutes(-10)),
            new(ActivityKind.TrainingRun, "a former member's", Noon.AddMinutes(-15), Guid.NewGuid(), null),
        ];
        UseCulture(culture);

        var cut = Render<ActivityTimeline>(p => p.Add(c => c.Items, items).Add(c => c.ViewerId, viewer));

        var actors = cut.FindAll("[data-testid=activity-item]").Select(row => row.QuerySelector("[data-testid=activity-actor]")?.TextContent.Trim());
        Assert.Equal([you, "Bob Stone", null, null], actors);
    }

    [Fact]
    public void Titles_are_plain_text_never_markup()
    {
        ActivityItem[] items = [new(ActivityKind.Job, "<img src=x onerror=alert(1)><b>bold</b>", Noon)];

        var cut = Render<ActivityTimeline>(p => p.Add(c => c.Items, items));

        var title = cut.Find("[data-testid=activity-title]");
        Assert.Equal("<img src=x onerror=alert(1)><b>bold</b>", title.TextContent.Trim());
        Assert.Empty(title.QuerySelectorAll("img, b"));
    }

    [Fact]
    public void What_follows_the_first_page_is_the_pages_more_fragment()
    {
        ActivityItem[] items = [new(ActivityKind.TrainingRun, "run", Noon)];

        var without = Render<ActivityTimeline>(p => p.Add(c => c.Items, items));
        var with = Render<ActivityTimeline>(p => p.Add(c => c.Items, items).Add(c => c.More, "<div data-testid=\"more\">more</div>"));

        Assert.Empty(without.FindAll("[data-testid=more]"));
        Assert.NotNull(with.Find("[data-testid=activity-card] [data-testid=more]"));
    }
}
