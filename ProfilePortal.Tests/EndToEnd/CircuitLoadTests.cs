using System.Net;
using Microsoft.Playwright;
using ProfilePortal.CircuitLoad;
using ProfilePortal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace ProfilePortal.Tests.EndToEnd;

/// <summary>
/// The circuit load driver (bench/CircuitLoad, issue 10) still works: CI runs this 10-circuit smoke, the load
/// itself runs by hand.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class CircuitLoadSmokeTests(PortalApp app)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Ten_driver_circuits_signed_in_as_ten_customers_open_and_close_the_profile_editor()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(25));
        var token = cancellation.Token;
        await LoadCustomers.EnsureAsync(app.Services, 10, token);

        var visits = await Task.WhenAll(Enumerable.Range(1, 10).Select(async number =>
        {
            var cookies = new CookieContainer();
            await new PortalSignIn(app.BaseAddress, cookies).SignInAsync(LoadCustomers.Email(number), LoadCustomers.Password, token);
            var visit = await ProfileVisit.OpenAsync(app.BaseAddress, cookies, Timeout, token);
            Assert.Null(visit.EmailInEditor);
            await visit.OpenEditorAsync(token);
            Assert.Contains("Edit profile", visit.Circuit.TextOf(ProfileVisit.EditDialog));
            Assert.Equal(LoadCustomers.Email(number), visit.EmailInEditor);
            await visit.CloseEditorAsync(token);
            return visit;
        }));

        try
        {
            Assert.All(visits, visit =>
            {
                Assert.False(string.IsNullOrEmpty(visit.Circuit.CircuitId));
                Assert.True(visit.Circuit.IsConnected);
                Assert.True(visit.Circuit.BatchesApplied >= 3, $"{visit.Circuit.BatchesApplied} batches");
                Assert.True(visit.Circuit.JsCallsAnswered > 0);
                Assert.False(visit.EditorOpen);
                Assert.Empty(visit.Circuit.Errors);
            });
        }
        finally
        {
            foreach (var visit in visits)
            {
                await visit.DisposeAsync();
            }
        }
    }
}

/// <summary>
/// The driver sees what a browser sees: the same customer, the same clicks in Chromium and through the driver's
/// circuit, the same "Edit" and the same edit drawer (its text and the customer's email in it) after each step. The
/// profile card itself is rendered by the server, outside the circuit: the browser shows the customer's email there.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class CircuitLoadBrowserComparisonTests(PortalApp app, BrowserFixture browser)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task The_driver_and_Chromium_show_the_same_profile_before_during_and_after_editing()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(25));
        var token = cancellation.Token;
        // Customer 11: the smoke uses 1 to 10.
        await LoadCustomers.EnsureAsync(app.Services, 11, token);
        var email = LoadCustomers.Email(11);

        var page = await browser.NewPageAsync(app.BaseAddress);
        await page.SignInAsync(email, LoadCustomers.Password);
        await Expect(page.CurrentUser()).ToContainTextAsync(email);
        await page.OpenProfileAsync();
        await Expect(page.ByTestId(ProfileVisit.EditButton)).ToBeVisibleAsync();

        var cookies = new CookieContainer();
        await new PortalSignIn(app.BaseAddress, cookies).SignInAsync(email, LoadCustomers.Password, token);
        await using var visit = await ProfileVisit.OpenAsync(app.BaseAddress, cookies, Timeout, token);

        await Expect(page.ByTestId("profile-overview")).ToContainTextAsync(email);
        Assert.Equal(await BrowserTextAsync(page, ProfileVisit.EditButton), visit.Circuit.TextOf(ProfileVisit.EditButton));

        await page.ByTestId(ProfileVisit.EditButton).ClickAsync();
        await Expect(page.ByTestId(ProfileVisit.EditDialog)).ToBeVisibleAsync();
        await visit.OpenEditorAsync(token);
        Assert.Equal(await BrowserTextAsync(page, ProfileVisit.EditDialog), visit.Circuit.TextOf(ProfileVisit.EditDialog));
        Assert.Equal(email, await page.ByTestId(ProfileVisit.EmailField).InputValueAsync());
        Assert.Equal(email, visit.EmailInEditor);

        await page.ByTestId(ProfileVisit.CloseButton).ClickAsync();
        await Expect(page.ByTestId(ProfileVisit.EditDialog)).ToHaveCountAsync(0);
        await visit.CloseEditorAsync(token);
        Assert.Null(visit.Circuit.TextOf(ProfileVisit.EditDialog));
        Assert.Null(visit.EmailInEditor);
        Assert.Equal(await BrowserTextAsync(page, ProfileVisit.EditButton), visit.Circuit.TextOf(ProfileVisit.EditButton));
        Assert.Empty(visit.Circuit.Errors);
    }

    // textContent, not innerText: the concatenated text nodes, as the driver's tree reads them, whitespace collapsed.
    private static async Task<string> BrowserTextAsync(IPage page, string testId)
    {
        var text = await page.ByTestId(testId).First.TextContentAsync() ?? string.Empty;
        return string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }
}
