using Bunit;
using Microsoft.AspNetCore.Components;
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
    public async Task The_server_renders_the_page_with_its_data_and_only_the_islands_become_interactive()
    {
        var user = await SignedInCustomerAsync();
        await AddTrainingRunsAsync(user.Id, 46);
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));

        var cut = Render<ProfilePage>();

        // Issue 10: the page is left out of interactive routing, so a tab's circuit holds the islands, not the page.
        Assert.NotNull(typeof(ProfilePage).GetCustomAttributes(typeof(ExcludeFromInteractiveRoutingAttribute), inherit: false).SingleOrDefault());
        Assert.Equal(user.Email, cut.Find("[data-testid=profile-name]").TextContent.Trim());
        Assert.Equal("low", cut.Find("[data-testid=quota-card]").GetAttribute("data-quota-level"));
        Assert.Equal(10, cut.FindAll("[data-testid=activity-item]").Count);
        Assert.Equal("false", cut.Find("[data-testid=profile-edit]").GetAttribute("data-interactive"));
        Assert.Equal("false", cut.Find("[data-testid=quota-buy]").GetAttribute("data-ready"));
        Assert.Equal("false", cut.Find("[data-testid=activity-show-more]").GetAttribute("data-ready"));
        Assert.Empty(cut.FindAll(".mud-popover-provider"));
    }

    [Fact]
    public async Task A_database_error_is_shown_inline_and_retry_loads_the_page_again()
    {
        await SignedInCustomerAsync();
        Portal.Outage.IsDown = true;

        var cut = Render<ProfilePage>();

        Assert.Contains("could not load your profile", cut.Find("[data-testid=profile-error]").TextContent, StringComparison.Ordinal);
        Assert.NotNull(cut.Find("[data-testid=page-title]"));
        Assert.EndsWith("profile", cut.Find("[data-testid=profile-retry]").GetAttribute("href"), StringComparison.Ordinal);

        Portal.Outage.IsDown = false;
        var again = Render<ProfilePage>();

        Assert.NotNull(again.Find("[data-testid=profile-page]"));
        Assert.Empty(again.FindAll("[data-testid=profile-error]"));
    }

    [Fact]
    public async Task With_the_page_switched_off_it_says_it_is_unavailable()
    {
        await SignedInCustomerAsync();
        SetFeature(FeatureNames.ProfilePage, false);

        var cut = Render<ProfilePage>();

        Assert.NotNull(cut.Find("[data-testid=profile-unavailable]"));
        Assert.Empty(cut.FindAll("[data-testid=profile-page]"));
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

        var cut = Render<ProfilePage>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=quota-warning]")));
        Assert.Contains("Only 4 launches left", cut.Find("[data-testid=quota-warning]").TextContent, StringComparison.Ordinal);
        // The click's handler waits for the dialog to close, then gives the focus back to "Buy".
        // The dialog provider (IslandProviders) is only rendered from the first "Buy" on.
        Assert.Empty(cut.FindAll(".mud-dialog-container, .mud-popover-provider"));
        var buying = cut.Find("[data-testid=quota-buy]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=plans-close]")));
        Assert.Contains("Quota packs and plans", cut.Markup, StringComparison.Ordinal);
        Assert.False(buying.IsCompleted);
        await cut.Find("[data-testid=plans-close]").ClickAsync(new());
        await buying;
        Assert.Empty(cut.FindAll("[data-testid=plans-dialog]"));
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
    public async Task Edit_reads_the_current_profile_and_a_save_renders_the_page_again_with_the_edit_on_the_timeline()
    {
        var user = await SignedInCustomerAsync();
        Navigation.NavigateTo("profile");
        var cut = Render<ProfilePage>();
        // Someone changed the profile after the page was rendered: the drawer starts from the current values.
        var profile = await ProfileOfAsync(user.Id);
        await Profiles.UpdateAsync(user.Id, new ProfileUpdate(null, null, "ML Lab", null, null, null, null, "en", NotifyWhenQuotaLow: true), profile.Version);

        await cut.Find("[data-testid=profile-edit]").ClickAsync(new());
        Assert.Equal("ML Lab", cut.Find("[data-testid=edit-company]").GetAttribute("value"));
        await cut.Find("[data-testid=edit-company]").ChangeAsync(new() { Value = "Vision Works" });
        await cut.Find("[data-testid=edit-first-name]").ChangeAsync(new() { Value = "Ben" });
        await cut.Find("[data-testid=profile-save]").ClickAsync(new());

        // The page is rendered by the server: the island asks for it again (NavigationManager.Refresh, which the
        // browser does in place by enhanced navigation; bUnit records it as a load of the same address).
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=profile-form]")));
        Assert.EndsWith("/profile", Navigation.History.First().Uri, StringComparison.Ordinal);
        Assert.Empty(JSInterop.Invocations["portal.setPreferenceCookie"]);
        Assert.Equal("Vision Works", (await ProfileOfAsync(user.Id)).Company);
        await DisposeComponentsAsync();
        var again = Render<ProfilePage>();
        Assert.Equal("Vision Works", again.Find("[data-testid=profile-company]").TextContent.Trim());
        Assert.Equal("Ben", again.Find("[data-testid=profile-name]").TextContent.Trim());
        Assert.Equal("Profile updated: First name, Company", Titles(again)[0]);
    }

    [Fact]
    public async Task A_closed_drawer_leaves_the_tab_and_edit_opens_it_again_with_the_current_values()
    {
        var user = await SignedInCustomerAsync();
        var cut = Render<ProfilePage>();
        await cut.Find("[data-testid=profile-edit]").ClickAsync(new());
        Assert.Single(cut.FindComponents<ProfileEditDrawer>());

        await cut.Find("[data-testid=profile-edit-close]").ClickAsync(new());

        // Nothing of the drawer stays in the circuit of an idle tab (issue 10): not even the closed component.
        Assert.Empty(cut.FindComponents<ProfileEditDrawer>());
        var profile = await ProfileOfAsync(user.Id);
        await Profiles.UpdateAsync(user.Id, new ProfileUpdate(null, null, "Reopened Labs", null, null, null, null, "en", NotifyWhenQuotaLow: true), profile.Version);
        await cut.Find("[data-testid=profile-edit]").ClickAsync(new());
        Assert.Equal("Reopened Labs", cut.Find("[data-testid=edit-company]").GetAttribute("value"));
    }

    [Fact]
    public async Task When_the_profile_cannot_be_read_edit_says_so_and_opens_nothing()
    {
        await SignedInCustomerAsync();
        var cut = Render<ProfilePage>();
        Portal.Outage.IsDown = true;

        await cut.Find("[data-testid=profile-edit]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("could not load your profile", cut.Markup, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid=profile-form]"));
        Portal.Outage.IsDown = false;
        await cut.Find("[data-testid=profile-edit]").ClickAsync(new());
        Assert.NotNull(cut.Find("[data-testid=profile-form]"));
    }

    [Fact]
    public async Task A_new_preferred_language_switches_the_interface_like_the_language_switch()
    {
        await SignedInCustomerAsync("en");
        Navigation.NavigateTo("profile");
        var cut = Render<ProfilePage>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=profile-edit]")));

        await cut.Find("[data-testid=profile-edit]").ClickAsync(new());
        await cut.Find("[data-testid=edit-language-ru]").ChangeAsync(new() { Value = "ru" });
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
