using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ProfilePortal.Domain.Organizations;
using ProfilePortal.Tests.Support;
using static Microsoft.Playwright.Assertions;
using static ProfilePortal.Tests.EndToEnd.AxeAssertions;

namespace ProfilePortal.Tests.EndToEnd;

/// <summary>
/// The shell on a server-rendered page (ADR-024: <c>/profile</c> has no circuit of its own, only its islands):
/// the drawer, the organization switcher, the theme and the account menu work without one, and moving to an
/// interactive page and back keeps both shells working.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class StaticShellJourneyTests(PortalApp app, BrowserFixture browser)
{
    private const string Password = "Static-Shell-Password-1!";

    [Fact]
    public async Task On_the_profile_the_drawer_the_organization_switcher_and_the_theme_work_without_a_circuit()
    {
        var (page, errors) = await SignedInWithTwoOrganizationsAsync("Team Static");
        await page.SetViewportSizeAsync(1280, 800);
        await page.OpenProfileAsync();
        var layout = page.Locator(".mud-layout");
        await Expect(layout).ToHaveAttributeAsync("data-interactive", "static");

        // Wide: the drawer is open; the menu button closes and opens it.
        var drawer = page.Locator("aside.mud-drawer");
        var toggle = page.ByTestId("nav-toggle");
        await Expect(drawer).ToBeInViewportAsync();
        await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");
        await toggle.ClickAsync();
        await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(drawer).Not.ToBeInViewportAsync();
        await toggle.ClickAsync();
        await Expect(drawer).ToBeInViewportAsync();

        // The switcher: Escape closes it; the other organization's button posts the form and the profile comes back in it.
        var switcher = page.Locator("details[data-testid='org-switcher']");
        var before = (await page.ByTestId("profile-organization").InnerTextAsync()).Trim();
        await switcher.Locator("summary").ClickAsync();
        await Expect(switcher).ToHaveAttributeAsync("open", "");
        await page.Keyboard.PressAsync("Escape");
        await Expect(switcher).Not.ToHaveAttributeAsync("open", "");
        await switcher.Locator("summary").ClickAsync();
        AssertNoSeriousViolations(await page.RunAxe(), "the profile with the organization menu open");
        var other = switcher.Locator("[data-testid='org-switcher-item']:not([disabled])");
        await Expect(other).ToHaveCountAsync(1);
        var target = (await other.InnerTextAsync()).Trim();
        await other.ClickAsync();
        await Expect(page).ToHaveURLAsync(app.Url("profile").ToString());
        await page.WaitForProfileIslandsAsync();
        await Expect(page.ByTestId("profile-organization")).ToHaveTextAsync(target);
        Assert.NotEqual(before, target);

        // The theme follows the device until the visitor picks one; the pick survives the reload it makes.
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
        var light = await AppBarColourAsync(page);
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        var dark = await AppBarColourAsync(page);
        Assert.NotEqual(light, dark);
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
        await page.ByTestId("theme-toggle").ClickAsync();
        await Expect(page.ByTestId("theme-toggle")).ToHaveAttributeAsync("aria-pressed", "true");
        Assert.Equal(dark, await AppBarColourAsync(page));

        // To an interactive page through the drawer (enhanced navigation: the interactive shell replaces the static
        // one) and back (a full load: the profile is left out of interactive routing), where the islands work again.
        await page.ByTestId("nav-billing").ClickAsync();
        await page.WaitForInteractiveAsync();
        await Expect(page.Locator("[data-portal-drawer-layout]")).ToHaveCountAsync(0);
        await Expect(page.ByTestId("nav-billing")).ToHaveAttributeAsync("aria-current", "page");
        await page.ByTestId("nav-profile").ClickAsync();
        await page.WaitForProfileIslandsAsync();
        await Expect(layout).ToHaveAttributeAsync("data-interactive", "static");
        await page.ByTestId("profile-edit").ClickAsync();
        await Expect(page.ByTestId("profile-edit-dialog")).ToBeVisibleAsync();
        Assert.Empty(errors);
    }

    [Fact]
    public async Task On_a_phone_the_profiles_drawer_and_account_menu_open_and_close()
    {
        var (page, errors) = await SignedInWithTwoOrganizationsAsync("Team Phone");
        await page.SetViewportSizeAsync(375, 740);
        await page.OpenProfileAsync();

        var drawer = page.Locator("aside.mud-drawer");
        var toggle = page.ByTestId("nav-toggle");
        var overlay = page.Locator("[data-portal-drawer-overlay]");
        await Expect(drawer).Not.ToBeVisibleAsync();
        await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "false");
        await toggle.ClickAsync();
        await Expect(drawer).ToBeInViewportAsync();
        await Expect(overlay).ToBeVisibleAsync();
        await overlay.ClickAsync(new() { Position = new() { X = 350, Y = 400 } });
        await Expect(overlay).Not.ToBeVisibleAsync();
        await Expect(drawer).Not.ToBeInViewportAsync();

        var menu = page.Locator("details[data-testid='user-menu']");
        await menu.Locator("summary").ClickAsync();
        await Expect(page.ByTestId("current-user-menu")).ToBeVisibleAsync();
        await Expect(page.ByTestId("sign-out-menu")).ToBeVisibleAsync();
        AssertNoSeriousViolations(await page.RunAxe(), "the profile on a phone with the account menu open");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task On_a_360_px_phone_a_long_organization_name_gives_way_on_static_and_interactive_pages()
    {
        var (page, errors) = await SignedInWithTwoOrganizationsAsync("Laboratory of Very Large Language Model Training Experiments");
        await page.SetViewportSizeAsync(360, 740);

        // The current organization is the personal one, named after the long email; then the team's long name.
        await page.OpenProfileAsync();
        await AssertNoSidewaysScrollAsync(page, "the profile (server-rendered)");
        await page.GotoAsync(app.Url("organizations").ToString());
        await page.WaitForInteractiveAsync();
        await AssertNoSidewaysScrollAsync(page, "the organizations page (interactive)");
        // The switcher shows its icon and still works: the other organization is one tap away.
        await page.ByTestId("org-switcher").Locator("button").First.ClickAsync();
        await Expect(page.ByTestId("org-switcher-item").Filter(new() { HasText = "Laboratory of Very Large" })).ToBeVisibleAsync();
        Assert.Empty(errors);
    }

    private static async Task AssertNoSidewaysScrollAsync(IPage page, string where)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        if (widths[0] > widths[1])
        {
            // What sticks out, to say so.
            var wide = await page.EvaluateAsync<string>(
                "() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)" +
                ".slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + (e.getAttribute('data-testid') || '')).join(' | ')");
            Assert.Fail($"{where} is {widths[0]} px wide on a {widths[1]} px screen: {wide}");
        }
    }

    private async Task<(IPage Page, List<string> Errors)> SignedInWithTwoOrganizationsAsync(string organization)
    {
        var email = await app.ConfirmedUserAsync(Password, "shell");
        var user = await app.FindUserAsync(email);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<OrganizationService>().CreateAsync(user!.Id, organization);
        }

        var page = await browser.NewPageAsync(app.BaseAddress);
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        await page.SignInAsync(email, Password);
        await Expect(page.CurrentUser()).ToContainTextAsync(email);
        return (page, errors);
    }

    private static Task<string> AppBarColourAsync(IPage page) =>
        page.EvaluateAsync<string>("getComputedStyle(document.querySelector('.mud-appbar')).backgroundColor");
}
