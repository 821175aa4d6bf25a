using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using ProfilePortal.Components.Profile;
using ProfilePortal.Domain.Profile;

namespace ProfilePortal.Tests.Components.Profile;

public sealed class ProfileEditDrawerTests(ProfileUiServices portal) : ProfileComponentTestContext(portal), IClassFixture<ProfileUiServices>
{
    public static TheoryData<string, string, string> BadInputs => new()
    {
        { "edit-first-name", new string('a', 101), "First name: up to 100 characters" },
        { "edit-last-name", "<script>alert(1)</script>", "Last name: up to 100 characters of letters, digits and punctuation, without < or >." },
        { "edit-company", "Acme <b>AI</b>", "Company: up to 200 characters" },
        { "edit-company", new string('c', 201), "Company: up to 200 characters" },
        { "edit-avatar-url", "javascript:alert(1)", "Use a link to an image that starts with https://." },
        { "edit-avatar-url", "http://example.com/me.png", "Use a link to an image that starts with https://." },
        { "edit-phone", "12345", "Enter the phone in international format, e.g. +79161234567." },
        { "edit-phone", "+7 916 abc 45 67", "Enter the phone in international format, e.g. +79161234567." },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task A_refused_value_gets_its_message_under_its_field_and_nothing_is_stored(string field, string value, string message)
    {
        var user = await SignedInCustomerAsync();
        var before = await ProfileOfAsync(user.Id);
        var cut = RenderDrawer(before);

        await cut.Find($"[data-testid={field}]").ChangeAsync(new() { Value = value });
        await cut.Find("[data-testid=profile-save]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains(message, FieldText(cut, field), StringComparison.Ordinal));
        Assert.NotNull(cut.Find("[data-testid=profile-errors]"));
        Assert.Equal("true", cut.Find($"[data-testid={field}]").GetAttribute("aria-invalid"));
        Assert.Equal(before, await ProfileOfAsync(user.Id));
    }

    [Fact]
    public async Task An_unknown_time_zone_is_refused_with_the_time_zone_message()
    {
        var user = await SignedInCustomerAsync();
        await StoreTimeZoneAsync(user.Id, "Mars/Olympus_Mons");
        var cut = RenderDrawer(await ProfileOfAsync(user.Id));

        await cut.Find("[data-testid=profile-save]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("Choose a time zone from the list.", FieldText(cut, "edit-time-zone"), StringComparison.Ordinal));
        Assert.Equal("Mars/Olympus_Mons", (await ProfileOfAsync(user.Id)).TimeZone);
    }

    [Fact]
    public async Task Messages_are_in_russian_for_a_russian_reader()
    {
        UseCulture("ru");
        var user = await SignedInCustomerAsync("ru");
        var cut = RenderDrawer(await ProfileOfAsync(user.Id));

        await cut.Find("[data-testid=edit-phone]").ChangeAsync(new() { Value = "phone" });
        await cut.Find("[data-testid=profile-save]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("Введите телефон в международном формате", FieldText(cut, "edit-phone"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Changing_a_refused_value_clears_its_message()
    {
        var user = await SignedInCustomerAsync();
        var cut = RenderDrawer(await ProfileOfAsync(user.Id));
        await cut.Find("[data-testid=edit-phone]").ChangeAsync(new() { Value = "12345" });
        await cut.Find("[data-testid=profile-save]").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.Contains("international format", FieldText(cut, "edit-phone"), StringComparison.Ordinal));

        await cut.Find("[data-testid=edit-phone]").ChangeAsync(new() { Value = "+79161234567" });

        cut.WaitForAssertion(() => Assert.DoesNotContain("international format, e.g.", ErrorText(cut, "edit-phone"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_valid_edit_is_saved_with_a_toast_handed_to_the_page_and_the_drawer_closes()
    {
        var user = await SignedInCustomerAsync();
        ProfileView? saved = null;
        bool? open = null;
        var cut = RenderDrawer(await ProfileOfAsync(user.Id), p => p
            .Add(c => c.OnSaved, (ProfileView view) => saved = view)
            .Add(c => c.OpenChanged, (bool value) => open = value));

        await cut.Find("[data-testid=edit-first-name]").ChangeAsync(new() { Value = "  Ben " });
        await cut.Find("[data-testid=edit-company]").ChangeAsync(new() { Value = "Vision (Works)" });
        await cut.Find("[data-testid=edit-phone]").ChangeAsync(new() { Value = "+44 (20) 7946-0958" });
        await cut.Find("[data-testid=profile-save]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.False(open));
        Assert.Equal("Ben", saved!.FirstName);
        Assert.Equal("Vision (Works)", saved.Company);
        Assert.Equal("+442079460958", saved.Phone);
        Assert.Equal(saved, await ProfileOfAsync(user.Id));
        var toast = Assert.Single(Services.GetRequiredService<ISnackbar>().ShownSnackbars);
        Assert.Equal(Severity.Success, toast.Severity);
        Assert.Equal("Profile saved.", toast.Message);
    }

    [Fact]
    public async Task Someone_elses_change_meanwhile_is_shown_not_overwritten()
    {
        var user = await SignedInCustomerAsync();
        var opened = await ProfileOfAsync(user.Id);
        ProfileView? reloaded = null;
        var cut = RenderDrawer(opened, p => p.Add(c => c.OnReloaded, (ProfileView view) => reloaded = view));
        var elsewhere = await Profiles.UpdateAsync(user.Id, new ProfileUpdate(null, null, "Changed on the phone", null, null, null, null, "en", NotifyWhenQuotaLow: true), opened.Version);
        Assert.True(elsewhere.Succeeded);

        await cut.Find("[data-testid=edit-first-name]").ChangeAsync(new() { Value = "Typed here" });
        await cut.Find("[data-testid=profile-save]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("changed elsewhere", cut.Find("[data-testid=profile-conflict]").TextContent, StringComparison.Ordinal));
        Assert.Equal("Changed on the phone", cut.Find("[data-testid=edit-company]").GetAttribute("value"));
        Assert.Equal("", cut.Find("[data-testid=edit-first-name]").GetAttribute("value") ?? "");
        var stored = await ProfileOfAsync(user.Id);
        Assert.Null(stored.FirstName);
        Assert.Equal("Changed on the phone", stored.Company);
        Assert.Equal(stored, reloaded);

        await cut.Find("[data-testid=edit-first-name]").ChangeAsync(new() { Value = "Typed again" });
        await cut.Find("[data-testid=profile-save]").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=profile-conflict]")));
        Assert.Equal("Typed again", (await ProfileOfAsync(user.Id)).FirstName);
    }

    [Fact]
    public async Task A_database_failure_keeps_the_input_and_says_so()
    {
        var user = await SignedInCustomerAsync();
        var cut = RenderDrawer(await ProfileOfAsync(user.Id));
        await cut.Find("[data-testid=edit-company]").ChangeAsync(new() { Value = "Kept" });
        Portal.Outage.IsDown = true;

        await cut.Find("[data-testid=profile-save]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=profile-save-failed]")));
        Assert.Equal("Kept", cut.Find("[data-testid=edit-company]").GetAttribute("value"));
        Portal.Outage.IsDown = false;
    }

    [Fact]
    public async Task Low_quota_emails_have_a_labelled_switch_in_a_notifications_section_showing_the_stored_choice()
    {
        var user = await SignedInCustomerAsync();

        var cut = RenderDrawer(await ProfileOfAsync(user.Id));

        Assert.Equal("Notifications", cut.Find("[data-testid=edit-notifications] legend").TextContent.Trim());
        var toggle = NotifySwitch(cut);
        Assert.True(toggle.IsChecked);
        Assert.Equal(("checkbox", "switch", "true"), (toggle.Type, toggle.GetAttribute("role"), toggle.GetAttribute("aria-checked")));
        Assert.Equal("Email me when my quota runs low", toggle.Closest("label")?.TextContent.Trim());
        var help = cut.Find($"#{toggle.GetAttribute("aria-describedby")}");
        Assert.Contains("One email when few launches are left", help.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Switching_low_quota_emails_off_is_saved_and_shown_after_a_reload()
    {
        var user = await SignedInCustomerAsync();
        ProfileView? saved = null;
        var cut = RenderDrawer(await ProfileOfAsync(user.Id), p => p.Add(c => c.OnSaved, (ProfileView view) => saved = view));

        await NotifySwitch(cut).ChangeAsync(new ChangeEventArgs { Value = false });
        Assert.False(NotifySwitch(cut).IsChecked);
        await cut.Find("[data-testid=profile-save]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.NotNull(saved));
        Assert.False(saved!.NotifyWhenQuotaLow);
        var reloaded = await ProfileOfAsync(user.Id);
        Assert.False(reloaded.NotifyWhenQuotaLow);
        cut.Render(p => p.Add(c => c.Open, false));
        cut.Render(p => p.Add(c => c.Profile, reloaded).Add(c => c.Open, true));
        Assert.False(NotifySwitch(cut).IsChecked);
        Assert.Equal("false", NotifySwitch(cut).GetAttribute("aria-checked"));
        var card = Render<ProfileOverviewCard>(p => p.Add(c => c.Profile, reloaded));
        Assert.Equal("Off", card.Find("[data-testid=profile-notify-quota-low]").TextContent.Trim());
    }

    [Fact]
    public async Task The_switch_speaks_russian_to_a_russian_reader()
    {
        UseCulture("ru");
        var user = await SignedInCustomerAsync("ru");

        var cut = RenderDrawer(await ProfileOfAsync(user.Id));

        Assert.Equal("Уведомления", cut.Find("[data-testid=edit-notifications] legend").TextContent.Trim());
        Assert.Equal("Сообщать на почту, когда квота заканчивается", NotifySwitch(cut).Closest("label")?.TextContent.Trim());
    }

    [Fact]
    public async Task The_email_is_read_only_and_says_why()
    {
        var user = await SignedInCustomerAsync();

        var cut = RenderDrawer(await ProfileOfAsync(user.Id));

        var email = cut.Find("[data-testid=edit-email]");
        Assert.True(email.HasAttribute("readonly"));
        Assert.Equal(user.Email, email.GetAttribute("value"));
        Assert.Contains("cannot be changed here", FieldText(cut, "edit-email"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_drawer_is_a_labelled_modal_dialog_that_escape_closes()
    {
        var user = await SignedInCustomerAsync();
        bool? open = null;
        var cut = RenderDrawer(await ProfileOfAsync(user.Id), p => p.Add(c => c.OpenChanged, (bool value) => open = value));

        var dialog = cut.Find("[data-testid=profile-edit-dialog]");
        Assert.Equal("dialog", dialog.GetAttribute("role"));
        Assert.Equal("true", dialog.GetAttribute("aria-modal"));
        Assert.Equal("Edit profile", cut.Find($"#{dialog.GetAttribute("aria-labelledby")}").TextContent.Trim());
        Assert.NotNull(dialog.Closest(".mud-focus-trap"));

        await dialog.KeyDownAsync(new KeyboardEventArgs { Key = "Escape" });

        Assert.False(open);
    }

    [Fact]
    public async Task Closed_the_drawer_renders_no_form()
    {
        var user = await SignedInCustomerAsync();

        var profile = await ProfileOfAsync(user.Id);

        var cut = Render<ProfileEditDrawer>(p => p.Add(c => c.Profile, profile).Add(c => c.Open, false));

        Assert.Empty(cut.FindAll("[data-testid=profile-form]"));
    }

    // Issue 10: an idle page holds no drawer, overlay or form; they exist from opening until the slide-out is over.
    [Fact]
    public async Task The_drawer_exists_only_while_open_and_until_it_has_slid_out()
    {
        var user = await SignedInCustomerAsync();
        var profile = await ProfileOfAsync(user.Id);
        Render<MudPopoverProvider>();
        var cut = Render<ProfileEditDrawer>(p => p.Add(c => c.Profile, profile).Add(c => c.Open, false));
        Assert.Empty(cut.FindAll("[data-testid=profile-drawer]"));
        Assert.Empty(cut.FindComponents<MudDrawer>());

        cut.Render(p => p.Add(c => c.Open, true));
        Assert.Contains("mud-drawer--open", cut.Find("[data-testid=profile-drawer]").ClassName, StringComparison.Ordinal);
        Assert.NotNull(cut.Find("[data-testid=profile-form]"));

        cut.Render(p => p.Add(c => c.Open, false));
        Assert.Contains("mud-drawer--closed", cut.Find("[data-testid=profile-drawer]").ClassName, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=profile-form]"));
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=profile-drawer]")));
        Assert.Empty(cut.FindComponents<MudDrawer>());
    }

    private IRenderedComponent<ProfileEditDrawer> RenderDrawer(ProfileView profile, Action<ComponentParameterCollectionBuilder<ProfileEditDrawer>>? more = null)
    {
        Render<MudPopoverProvider>();
        return Render<ProfileEditDrawer>(p =>
        {
            p.Add(c => c.Profile, profile).Add(c => c.Open, true);
            more?.Invoke(p);
        });
    }

    private static IHtmlInputElement NotifySwitch(IRenderedComponent<ProfileEditDrawer> cut) =>
        (IHtmlInputElement)cut.Find("[data-testid=edit-notify-quota-low]");

    // The field's whole block: label, input, helper or error text.
    private static string FieldText(IRenderedComponent<ProfileEditDrawer> cut, string field) =>
        cut.Find($"[data-testid={field}]").Closest(".mud-input-control")?.TextContent ?? "";

    private static string ErrorText(IRenderedComponent<ProfileEditDrawer> cut, string field) =>
        cut.Find($"[data-testid={field}]").Closest(".mud-input-control")?.QuerySelector(".mud-input-error")?.TextContent ?? "";
}
