using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MudBlazor;
using ProfilePortal.Components.Profile;
using ProfilePortal.Domain.Profile;
using ProfilePortal.Resources;

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

        cut.WaitForAssertion(() => Assert.Contains(message, ErrorText(cut, field), StringComparison.Ordinal));
        Assert.NotNull(cut.Find("[data-testid=profile-errors]"));
        var input = cut.Find($"[data-testid={field}]");
        Assert.Equal("true", input.GetAttribute("aria-invalid"));
        // The message is the field's description, so a screen reader reads it with the field.
        Assert.Contains(message, cut.Find($"#{input.GetAttribute("aria-describedby")}").TextContent, StringComparison.Ordinal);
        Assert.Equal(value, input.GetAttribute("value"));
        Assert.Equal(before, await ProfileOfAsync(user.Id));
        // The first refused field gets the focus.
        Assert.Equal("[data-testid=profile-form] [aria-invalid=true]", JSInterop.VerifyInvoke("portal.focusFirst").Arguments[0]);
    }

    [Fact]
    public async Task An_unknown_time_zone_is_refused_with_the_time_zone_message()
    {
        var user = await SignedInCustomerAsync();
        await StoreTimeZoneAsync(user.Id, "Mars/Olympus_Mons");
        var cut = RenderDrawer(await ProfileOfAsync(user.Id));
        Assert.StartsWith("Mars/Olympus_Mons", cut.Find("[data-testid=edit-time-zone]").GetAttribute("value"), StringComparison.Ordinal);

        await cut.Find("[data-testid=profile-save]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("Choose a time zone from the list.", ErrorText(cut, "edit-time-zone"), StringComparison.Ordinal));
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

        cut.WaitForAssertion(() => Assert.Contains("Введите телефон в международном формате", ErrorText(cut, "edit-phone"), StringComparison.Ordinal));
        Assert.Equal("Проверьте поля с подсказками ниже. Ничего не сохранено.", cut.Find("[data-testid=profile-errors]").TextContent.Trim());
    }

    [Fact]
    public async Task Changing_a_refused_value_clears_its_message()
    {
        var user = await SignedInCustomerAsync();
        var cut = RenderDrawer(await ProfileOfAsync(user.Id));
        await cut.Find("[data-testid=edit-phone]").ChangeAsync(new() { Value = "12345" });
        await cut.Find("[data-testid=profile-save]").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.Contains("international format", ErrorText(cut, "edit-phone"), StringComparison.Ordinal));

        await cut.Find("[data-testid=edit-phone]").ChangeAsync(new() { Value = "+79161234567" });

        cut.WaitForAssertion(() => Assert.Equal("", ErrorText(cut, "edit-phone")));
        var phone = cut.Find("[data-testid=edit-phone]");
        Assert.False(phone.HasAttribute("aria-invalid"));
        // The help text is back, and the field points to it again.
        Assert.Contains("International format", cut.Find($"#{phone.GetAttribute("aria-describedby")}").TextContent, StringComparison.Ordinal);
        Assert.Contains("field-help", cut.Find($"#{phone.GetAttribute("aria-describedby")}").ClassName, StringComparison.Ordinal);
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
        // The browser closes the dialog before the page removes it, so the focus goes back to "Edit".
        JSInterop.VerifyInvoke("portal.closeDialog");
    }

    [Fact]
    public async Task Countries_and_time_zones_are_typed_or_picked_by_name_and_saved_as_codes()
    {
        var user = await SignedInCustomerAsync();
        ProfileView? saved = null;
        var cut = RenderDrawer(await ProfileOfAsync(user.Id), p => p.Add(c => c.OnSaved, (ProfileView view) => saved = view));
        var zones = ChoiceList.TimeZones(Profiles.TimeZoneChoices(), Clock.GetUtcNow());
        var berlin = zones.LabelOf("Europe/Berlin");
        Assert.NotNull(berlin);
        Assert.Contains(berlin, cut.Find("#profile-zone-choices").InnerHtml, StringComparison.Ordinal);

        // As the browser fills the box from the list: the option's value; and a name typed in another case.
        await cut.Find("[data-testid=edit-country]").ChangeAsync(new() { Value = " germany " });
        await cut.Find("[data-testid=edit-time-zone]").ChangeAsync(new() { Value = berlin });
        await cut.Find("[data-testid=profile-save]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.NotNull(saved));
        Assert.Equal("DE", saved!.Country);
        Assert.Equal("Europe/Berlin", saved.TimeZone);

        // Opened again, the boxes show the names; saved untouched, the codes stay as they are.
        cut.Render(p => p.Add(c => c.Open, false));
        cut.Render(p => p.Add(c => c.Profile, saved).Add(c => c.Open, true));
        Assert.Equal("Germany", cut.Find("[data-testid=edit-country]").GetAttribute("value"));
        Assert.Equal(berlin, cut.Find("[data-testid=edit-time-zone]").GetAttribute("value"));
        saved = null;
        await cut.Find("[data-testid=profile-save]").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.NotNull(saved));
        Assert.Equal(("DE", "Europe/Berlin"), (saved!.Country, saved.TimeZone));
    }

    [Fact]
    public async Task An_unknown_country_text_gets_a_clear_message_and_every_value_stays_in_its_box()
    {
        var user = await SignedInCustomerAsync();
        var before = await ProfileOfAsync(user.Id);
        var cut = RenderDrawer(before);

        await cut.Find("[data-testid=edit-company]").ChangeAsync(new() { Value = "Kept Works" });
        await cut.Find("[data-testid=edit-phone]").ChangeAsync(new() { Value = "+79161234567" });
        await cut.Find("[data-testid=edit-country]").ChangeAsync(new() { Value = "Narnia" });
        await cut.Find("[data-testid=profile-save]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("Choose a country from the list.", ErrorText(cut, "edit-country"), StringComparison.Ordinal));
        Assert.Equal("true", cut.Find("[data-testid=edit-country]").GetAttribute("aria-invalid"));
        Assert.Equal("Narnia", cut.Find("[data-testid=edit-country]").GetAttribute("value"));
        Assert.Equal("Kept Works", cut.Find("[data-testid=edit-company]").GetAttribute("value"));
        Assert.Equal("+79161234567", cut.Find("[data-testid=edit-phone]").GetAttribute("value"));
        Assert.Equal("", ErrorText(cut, "edit-company"));
        Assert.Equal(before, await ProfileOfAsync(user.Id));
    }

    [Fact]
    public async Task The_choice_lists_are_datalists_in_the_readers_language_shared_by_every_drawer()
    {
        UseCulture("ru");
        var user = await SignedInCustomerAsync("ru");
        var profile = await ProfileOfAsync(user.Id);
        var names = Services.GetRequiredService<IStringLocalizer<CountryNames>>();

        var first = RenderDrawer(profile);
        var second = Render<ProfileEditDrawer>(p => p.Add(c => c.Profile, profile).Add(c => c.Open, true));

        var countries = ChoiceList.Countries(names);
        Assert.Same(countries, ChoiceList.Countries(names));
        Assert.Same(countries.Datalist.Value, ChoiceList.Countries(names).Datalist.Value);
        var zones = ChoiceList.TimeZones(Profiles.TimeZoneChoices(), Clock.GetUtcNow());
        Assert.Same(zones, ChoiceList.TimeZones(Profiles.TimeZoneChoices(), Clock.GetUtcNow()));
        foreach (var cut in new[] { first, second })
        {
            // The shared lists, in their order: one option per choice, labelled as the lists label them.
            Assert.Equal(countries.Codes.Select(countries.LabelOf), cut.FindAll("datalist#profile-country-choices > option").Select(o => o.GetAttribute("value")));
            Assert.Equal(zones.Codes.Select(zones.LabelOf), cut.FindAll("datalist#profile-zone-choices > option").Select(o => o.GetAttribute("value")));
            Assert.Equal("profile-country-choices", cut.Find("[data-testid=edit-country]").GetAttribute("list"));
            Assert.Equal("profile-zone-choices", cut.Find("[data-testid=edit-time-zone]").GetAttribute("list"));
        }

        Assert.Equal(first.Find("#profile-country-choices").OuterHtml, second.Find("#profile-country-choices").OuterHtml);

        var options = first.FindAll("#profile-country-choices option");
        Assert.Equal(Countries.Codes.Count, options.Count);
        Assert.Contains(options, option => option.GetAttribute("value") == "Германия");
        Assert.All(options, option => Assert.Equal("", option.TextContent));
        Assert.Equal(Profiles.TimeZoneChoices().Count, first.FindAll("#profile-zone-choices option").Count);
        // In the reader's culture: Австралия before Германия before Япония.
        var values = options.Select(option => option.GetAttribute("value")).ToList();
        Assert.True(values.IndexOf("Австралия") < values.IndexOf("Германия") && values.IndexOf("Германия") < values.IndexOf("Япония"));
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
        Assert.Equal("alert", cut.Find("[data-testid=profile-conflict]").GetAttribute("role"));
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
        Assert.Equal("alert", cut.Find("[data-testid=profile-save-failed]").GetAttribute("role"));
        Assert.Equal("Kept", cut.Find("[data-testid=edit-company]").GetAttribute("value"));
        Assert.False(cut.Find("[data-testid=profile-save]").HasAttribute("disabled"));
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
        Assert.Equal(("checkbox", "switch"), (toggle.Type, toggle.GetAttribute("role")));
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
        Assert.False(NotifySwitch(cut).HasAttribute("checked"));
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
    public async Task The_preferred_language_is_a_group_of_labelled_radios_and_a_choice_is_saved()
    {
        var user = await SignedInCustomerAsync();
        ProfileView? saved = null;
        var cut = RenderDrawer(await ProfileOfAsync(user.Id), p => p.Add(c => c.OnSaved, (ProfileView view) => saved = view));

        var group = cut.Find("[data-testid=edit-language]");
        Assert.Equal("FIELDSET", group.TagName);
        Assert.Equal("Language", group.QuerySelector("legend")?.TextContent.Trim());
        var russian = (IHtmlInputElement)cut.Find("[data-testid=edit-language-ru]");
        var english = (IHtmlInputElement)cut.Find("[data-testid=edit-language-en]");
        Assert.Equal(("radio", "radio"), (russian.Type, english.Type));
        Assert.Equal(russian.Name, english.Name);
        Assert.True(english.IsChecked);
        Assert.False(russian.IsChecked);
        Assert.Equal("ru", russian.Closest("label")?.GetAttribute("lang"));
        Assert.Equal("Русский", russian.Closest("label")?.TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=edit-language-error]"));

        await russian.ChangeAsync(new() { Value = "ru" });
        Assert.True(((IHtmlInputElement)cut.Find("[data-testid=edit-language-ru]")).IsChecked);
        await cut.Find("[data-testid=profile-save]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Equal("ru", saved?.PreferredLanguage));
    }

    [Fact]
    public async Task The_email_is_read_only_and_says_why()
    {
        var user = await SignedInCustomerAsync();

        var cut = RenderDrawer(await ProfileOfAsync(user.Id));

        var email = cut.Find("[data-testid=edit-email]");
        Assert.True(email.HasAttribute("readonly"));
        Assert.Equal(user.Email, email.GetAttribute("value"));
        Assert.Equal("Email", cut.Find($"label[for={email.Id}]").TextContent.Trim());
        Assert.Contains("cannot be changed here", FieldText(cut, "edit-email"), StringComparison.Ordinal);
        Assert.Contains("cannot be changed here", cut.Find($"#{email.GetAttribute("aria-describedby")}").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_field_has_its_label_and_the_autocomplete_it_had()
    {
        var user = await SignedInCustomerAsync();

        var cut = RenderDrawer(await ProfileOfAsync(user.Id));

        foreach (var (field, label, autocomplete, type) in new (string, string, string?, string)[]
        {
            ("edit-first-name", "First name", "given-name", "text"),
            ("edit-last-name", "Last name", "family-name", "text"),
            ("edit-company", "Company", "organization", "text"),
            ("edit-country", "Country", "off", "text"),
            ("edit-time-zone", "Time zone", "off", "text"),
            ("edit-avatar-url", "Avatar link", null, "url"),
            ("edit-phone", "Phone", "tel", "tel"),
        })
        {
            var input = (IHtmlInputElement)cut.Find($"[data-testid={field}]");
            Assert.Equal(label, cut.Find($"label[for={input.Id}]").TextContent.Trim());
            Assert.Equal(autocomplete, input.GetAttribute("autocomplete"));
            Assert.Equal(type, input.Type);
        }
    }

    [Fact]
    public async Task The_drawer_is_a_labelled_modal_dialog_that_escape_closes()
    {
        var user = await SignedInCustomerAsync();
        bool? open = null;
        var cut = RenderDrawer(await ProfileOfAsync(user.Id), p => p.Add(c => c.OpenChanged, (bool value) => open = value));

        var dialog = cut.Find("[data-testid=profile-edit-dialog]");
        Assert.Equal("DIALOG", dialog.TagName);
        Assert.Equal("true", dialog.GetAttribute("aria-modal"));
        Assert.Equal("Edit profile", cut.Find($"#{dialog.GetAttribute("aria-labelledby")}").TextContent.Trim());
        Assert.NotNull(dialog.QuerySelector("[data-testid=profile-drawer] [data-testid=profile-form]"));
        // Shown as a modal by the browser: focus trap, inert page, Escape as "cancel".
        var shown = JSInterop.VerifyInvoke("portal.showModal");
        Assert.IsType<ElementReference>(Assert.Single(shown.Arguments));

        await dialog.CancelAsync();

        Assert.False(open);
    }

    [Theory]
    [InlineData("profile-edit-close")]
    [InlineData("profile-cancel")]
    public async Task The_close_button_and_cancel_close_the_drawer_in_the_browser_and_on_the_page(string button)
    {
        var user = await SignedInCustomerAsync();
        bool? open = null;
        var before = await ProfileOfAsync(user.Id);
        var cut = RenderDrawer(before, p => p.Add(c => c.OpenChanged, (bool value) => open = value));
        await cut.Find("[data-testid=edit-company]").ChangeAsync(new() { Value = "Not saved" });

        var element = cut.Find($"[data-testid={button}]");
        // portal.js closes the dialog at once on a click on such a button (and the focus goes back to "Edit").
        Assert.True(element.HasAttribute("data-portal-dialog-close"));
        await element.ClickAsync(new());

        Assert.False(open);
        Assert.Equal(before, await ProfileOfAsync(user.Id));
        Assert.True(cut.Find("[data-testid=profile-edit-dialog]").HasAttribute("data-portal-light-dismiss"));
        Assert.Equal("Close", cut.Find("[data-testid=profile-edit-close]").GetAttribute("aria-label"));
    }

    [Fact]
    public async Task Closed_the_drawer_renders_no_form()
    {
        var user = await SignedInCustomerAsync();

        var profile = await ProfileOfAsync(user.Id);

        var cut = Render<ProfileEditDrawer>(p => p.Add(c => c.Profile, profile).Add(c => c.Open, false));

        Assert.Empty(cut.FindAll("[data-testid=profile-form]"));
        Assert.Empty(cut.FindAll("dialog"));
        Assert.Empty(JSInterop.Invocations["portal.showModal"]);
    }

    // Issue 10: an idle page holds nothing of the drawer; open, it is plain elements, no components.
    [Fact]
    public async Task The_drawer_exists_only_while_open_and_is_made_of_plain_elements()
    {
        var user = await SignedInCustomerAsync();
        var profile = await ProfileOfAsync(user.Id);
        var cut = Render<ProfileEditDrawer>(p => p.Add(c => c.Profile, profile).Add(c => c.Open, false));
        Assert.Empty(cut.FindAll("[data-testid=profile-drawer]"));

        cut.Render(p => p.Add(c => c.Open, true));
        Assert.NotNull(cut.Find("[data-testid=profile-drawer]"));
        Assert.NotNull(cut.Find("[data-testid=profile-form]"));
        Assert.Empty(cut.FindComponents<MudComponentBase>());
        Assert.Single(JSInterop.Invocations["portal.showModal"]);

        cut.Render(p => p.Add(c => c.Open, false));
        Assert.Empty(cut.FindAll("[data-testid=profile-edit-dialog]"));
        Assert.Empty(cut.FindAll("[data-testid=profile-form]"));

        cut.Render(p => p.Add(c => c.Open, true));
        Assert.NotNull(cut.Find("[data-testid=profile-form]"));
        Assert.Equal(2, JSInterop.Invocations["portal.showModal"].Count);
    }

    private IRenderedComponent<ProfileEditDrawer> RenderDrawer(ProfileView profile, Action<ComponentParameterCollectionBuilder<ProfileEditDrawer>>? more = null) =>
        Render<ProfileEditDrawer>(p =>
        {
            p.Add(c => c.Profile, profile).Add(c => c.Open, true);
            more?.Invoke(p);
        });

    private static IHtmlInputElement NotifySwitch(IRenderedComponent<ProfileEditDrawer> cut) =>
        (IHtmlInputElement)cut.Find("[data-testid=edit-notify-quota-low]");

    // The field's whole block: label, input, help or error text.
    private static string FieldText(IRenderedComponent<ProfileEditDrawer> cut, string field) =>
        cut.Find($"[data-testid={field}]").Closest(".portal-field")?.TextContent ?? "";

    private static string ErrorText(IRenderedComponent<ProfileEditDrawer> cut, string field) =>
        cut.Find($"[data-testid={field}]").Closest(".portal-field")?.QuerySelector(".portal-field-error")?.TextContent ?? "";
}
