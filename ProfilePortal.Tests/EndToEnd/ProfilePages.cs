using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ProfilePortal.Tests.EndToEnd;

/// <summary>What a person does on the profile page, by its stable test hooks.</summary>
internal static class ProfilePages
{
    public static ILocator ByTestId(this IPage page, string testId) => page.Locator($"[data-testid='{testId}']");

    /// <summary>
    /// Waits until the circuit has taken over the prerendered page. A click before that is a plain (enhanced)
    /// navigation, which leaves the interactive head (the title) as it was; after it the interactive router
    /// handles the click.
    /// </summary>
    public static Task WaitForInteractiveAsync(this IPage page) =>
        Microsoft.Playwright.Assertions.Expect(page.Locator("[data-interactive='true']")).ToHaveCountAsync(1);

    /// <summary>
    /// Opens /profile and waits until its islands ("Edit", and "Buy" or "Show more" where shown) are interactive: the
    /// page itself is rendered by the server, and a click before an island's circuit is up does nothing.
    /// </summary>
    public static async Task OpenProfileAsync(this IPage page)
    {
        await page.GotoAsync("profile");
        await page.WaitForProfileIslandsAsync();
    }

    /// <summary>Waits until the profile page's islands are interactive (after a load or a reload).</summary>
    public static async Task WaitForProfileIslandsAsync(this IPage page)
    {
        await Expect(page.ByTestId("profile-page")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid='profile-edit'][data-interactive='true']")).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-testid='quota-buy'][data-ready='false'], [data-testid='activity-show-more'][data-ready='false']")).ToHaveCountAsync(0);
    }

    /// <summary>Whether the keyboard focus is inside the element with this test id.</summary>
    public static Task<bool> FocusIsInsideAsync(this IPage page, string testId) =>
        page.EvaluateAsync<bool>(
            "id => !!document.activeElement && !!document.activeElement.closest(`[data-testid='${id}']`)", testId);
}
