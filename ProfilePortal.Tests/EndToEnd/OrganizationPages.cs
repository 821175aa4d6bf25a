using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ProfilePortal.Tests.EndToEnd;

/// <summary>What a person does on the organization pages, by their stable test hooks.</summary>
internal static class OrganizationPages
{
    /// <summary>The organizations page's row (its name cell) for one organization.</summary>
    public static ILocator OrganizationRow(this IPage page, Guid organizationId) =>
        page.Locator($"[data-testid='organizations-row'][data-organization='{organizationId}']");

    /// <summary>Opens the members page of the user's personal organization from the organizations page; returns its id.</summary>
    public static async Task<Guid> OpenOwnMembersPageAsync(this IPage page)
    {
        await page.GotoAsync("organizations");
        var personal = page.ByTestId("organizations-row").Filter(new() { Has = page.ByTestId("organizations-personal") });
        await Expect(personal).ToHaveCountAsync(1);
        var organizationId = Guid.Parse((await personal.GetAttributeAsync("data-organization"))!);
        await page.WaitForInteractiveAsync();
        await page.RowOf(personal).Locator("[data-testid='organizations-members-link']").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/organizations/{organizationId}/members$"));
        await Expect(page.ByTestId("members-table")).ToBeVisibleAsync();
        return organizationId;
    }

    private static ILocator RowOf(this IPage page, ILocator cell) => page.Locator("tr").Filter(new() { Has = cell });
}
