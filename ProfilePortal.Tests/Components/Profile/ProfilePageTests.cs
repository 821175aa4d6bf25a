using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using ProfilePortal.Components.Profile;
using ProfilePortal.Domain.Features;
using ProfileUpdate = ProfilePortal.Domain.Profile.ProfileUpdate;

namespace ProfilePortal.Tests.Components.Profile;

public sealed class ProfilePageTests(ProfileUiServices portal) : ProfileComponentTestContext(portal), IClassFixture<ProfileUiServices>
{
    [Fact]
    public async Task A_new_customer_sees_profile_quota_empty_activity_and_support()
    {
        var user = await SignedInCustomerAsync();

        var cut = Render<ProfilePage>();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=profile-page]")));
        Assert.Equal(user.Email, cut.Find("[data-testid=profile-name]").TextContent.Trim());
        Assert.Equal(user.Email, cut.Find("[data-testid=profile-email]").TextContent.Trim());
        Assert.Equal("Free", cut.Find("[data-testid=profile-plan]").TextContent.Trim());
        Assert.Contains("Owner of the organization", cut.Find("[data-testid=profile-overview]").TextContent, StringComparison.Ordinal);
        Assert.Equal("ok", cut.Find("[data-testid=quota-card]").GetAttribute("data-quota-level"));
        Assert.Equal("50", cut.Find("[data-testid=quota-limit]").TextContent.Trim());
        Assert.NotNull(cut.Find("[data-testid=activity-empty]"));
        Assert.Equal(5, cut.FindAll("[data-testid=support-question]").Count);
        Assert.Equal("mailto:payments@mlservice.ai", cut.Find("[data-testid=support-email]").GetAttribute("href"));
    }

    [Theory]
    [InlineData("en", "Profile")]
    [InlineData("ru", "Профиль")]
    public async Task The_title_is_localized(string culture, string title)
    {
        UseCulture(culture);
        await SignedInCustomerAsync(culture);

        var cut = Render<ProfilePage>();

        Assert.Equal(title, cut.Find("[data-testid=page-title]").TextContent.Trim());
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=profile-page]")));
    }

    [Fact]
    public async Task The_prerender_shows_skeletons_and_reads_nothing()
    {
        await SignedInCustomerAsync();
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));

        var cut = Render<ProfilePage>();

        Assert.NotNull(cut.Find("[data-testid=profile-loading]"));
        Assert.Equal("true", cut.Find("[data-testid=profile-loading]").GetAttribute("aria-busy"));
        Assert.Empty(cut.FindAll("[data-testid=profile-page]"));
    }

    [Fact]
    public async Task A_database_error_is_shown_inline_and_retry_loads_the_page()
    {
        await SignedInCustomerAsync();
        Portal.Outage.IsDown = true;

        var cut = Render<ProfilePage>();

        cut.WaitForAssertion(() => Assert.Contains("could not load your profile", cut.Find("[data-testid=profile-error]").TextContent, StringComparison.Ordinal));
        Assert.NotNull(cut.Find("[data-testid=page-title]"));

        Portal.Outage.IsDown = false;
        await cut.Find("[data-testid=profile-retry]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=profile-page]")));
        Assert.Empty(cut.FindAll("[data-testid=profile-error]"));
    }

    [Fact]
    public async Task With_the_page_switched_off_it_says_it_is_unavailable()
    {
        await SignedInCustomerAsync();
        SetFeature(FeatureNames.ProfilePage, false);

        var cut = Render<ProfilePage>();

        Assert.NotNull(cut.Find("[data-testid=profile-unavailable]"));
        Assert.Empty(cut.FindAll("[data-testid=profile-page]"));
        Assert.Empty(cut.FindAll("[data-testid=profile-loading]"));
    }

    [Fact]
    public async Task The_timeline_shows_the_last_ten_newest_first_and_show_more_pages_back()
    {
        var user = await SignedInCustomerAsync();
        await AddTrainingRunsAsync(user.Id, 23);

        var cut = Render<ProfilePage>();

        cut.WaitForAssertion(() => Assert.Equal(10, cut.FindAll("[data-testid=activity-item]").Count));
        Assert.Equal("resnet50-finetune #23", Titles(cut)[0]);
        Assert.Equal("resnet50-finetune #14", Titles(cut)[9]);

        await cut.Find("[data-testid=activity-show-more]").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.Equal(20, cut.FindAll("[data-testid=activity-item]").Count));
        await cut.Find("[data-testid=activity-show-more]").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.Equal(23, cut.FindAll("[data-testid=activity-item]").Count));

        Assert.Equal(Enumerable.Range(1, 23).Reverse().Select(i => $"resnet50-finetune #{i}"), Titles(cut));
        Assert.Empty(cut.FindAll("[data-testid=activity-show-more]"));
    }

    [Fact]
    public async Task A_low_quota_warns_and_buy_opens_the_plans_dialog()
    {
        var user = await SignedInCustomerAsync();
        await AddTrainingRunsAsync(user.Id, 46);
        var dialogs = Render<MudDialogProvider>();

        var cut = Render<ProfilePage>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=quota-warning]")));
        Assert.Contains("Only 4 launches left", cut.Find("[data-testid=quota-warning]").TextContent, StringComparison.Ordinal);
        // The click's handler waits for the dialog to close, then gives the focus back to "Buy".
        var buying = cut.Find("[data-testid=quota-buy]").ClickAsync(new());

        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find("[data-testid=plans-close]")));
        Assert.Contains("Quota packs and plans", dialogs.Markup, StringComparison.Ordinal);
        Assert.False(buying.IsCompleted);
        await dialogs.Find("[data-testid=plans-close]").ClickAsync(new());
        await buying;
        Assert.Empty(dialogs.FindAll("[data-testid=plans-dialog]"));
    }

    [Fact]
    public async Task With_the_buy_cta_switched_off_the_warning_stays_without_buy()
    {
        var user = await SignedInCustomerAsync();
        await AddTrainingRunsAsync(user.Id, 50);
        SetFeature(FeatureNames.PaymentsCta, false);

        var cut = Render<ProfilePage>();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=quota-exhausted]")));
        Assert.Empty(cut.FindAll("[data-testid=quota-buy]"));
    }

    [Fact]
    public async Task A_save_updates_the_page_at_once_and_the_edit_appears_on_the_timeline()
    {
        var user = await SignedInCustomerAsync();
        Render<MudPopoverProvider>();
        var cut = Render<ProfilePage>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=profile-edit]")));

        await cut.Find("[data-testid=profile-edit]").ClickAsync(new());
        await cut.Find("[data-testid=edit-company]").ChangeAsync(new() { Value = "Vision Works" });
        await cut.Find("[data-testid=edit-first-name]").ChangeAsync(new() { Value = "Ben" });
        await cut.Find("[data-testid=profile-save]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Equal("Vision Works", cut.Find("[data-testid=profile-company]").TextContent.Trim()));
        Assert.Equal("Ben", cut.Find("[data-testid=profile-name]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=profile-form]"));
        cut.WaitForAssertion(() => Assert.Equal(["Profile updated: First name, Company"], Titles(cut)));
        Assert.Equal("Vision Works", (await ProfileOfAsync(user.Id)).Company);
    }

    [Fact]
    public async Task A_new_preferred_language_switches_the_interface_like_the_language_switch()
    {
        await SignedInCustomerAsync("en");
        Navigation.NavigateTo("profile");
        var cut = Render<ProfilePage>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=profile-edit]")));

        await cut.Find("[data-testid=profile-edit]").ClickAsync(new());
        await cut.Find("[data-testid=edit-language-ru]").ClickAsync(new());
        await cut.Find("[data-testid=profile-save]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.True(Navigation.History.First().Options.ForceLoad));
        Assert.EndsWith("/profile", Navigation.History.First().Uri, StringComparison.Ordinal);
        Assert.Equal([".AspNetCore.Culture", "c=ru|uic=ru"], JSInterop.VerifyInvoke("portal.setPreferenceCookie").Arguments);
    }

    [Fact]
    public async Task Times_are_shown_in_the_users_time_zone()
    {
        var user = await SignedInCustomerAsync();
        var profile = await ProfileOfAsync(user.Id);
        await Profiles.UpdateAsync(user.Id, new ProfileUpdate(null, null, null, "JP", "Asia/Tokyo", null, null, "en", NotifyWhenQuotaLow: true), profile.Version);

        var cut = Render<ProfilePage>();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=profile-page]")));
        Assert.Equal("Japan", cut.Find("[data-testid=profile-country]").TextContent.Trim());
        Assert.StartsWith("Asia/Tokyo (UTC+09:00)", cut.Find("[data-testid=profile-time-zone]").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal("2026-12-01T09:00:00+09:00", cut.Find("[data-testid=quota-resets-at] time").GetAttribute("datetime"));
        var edited = cut.Find("[data-testid=activity-item][data-kind=ProfileEdited] time");
        Assert.Equal("2026-11-23T18:00:00+09:00", edited.GetAttribute("datetime"));
    }

    private static List<string> Titles(IRenderedComponent<ProfilePage> cut) =>
        [.. cut.FindAll("[data-testid=activity-title]").Select(t => t.TextContent.Trim())];
}
