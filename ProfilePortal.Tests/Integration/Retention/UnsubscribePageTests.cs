using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Domain.Notifications;
using ProfilePortal.Tests.EndToEnd;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Retention;

/// <summary>
/// The unsubscribe page and the one-click endpoint over HTTP, without a sign-in: GET never unsubscribes (mail
/// scanners follow links), the page's button and a mail client's one-click POST do, a bad link changes nothing.
/// </summary>
public sealed partial class UnsubscribePageTests(PortalApp app) : IClassFixture<PortalApp>, IDisposable
{
    private readonly HttpClient _http = new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
    {
        BaseAddress = app.BaseAddress,
        DefaultRequestHeaders = { { "Accept-Language", "en" } },
    };

    private MarketingPreferences Preferences => app.Services.GetRequiredService<MarketingPreferences>();

    [Fact]
    public async Task Get_shows_whose_address_and_the_button_but_does_not_unsubscribe_and_the_button_does()
    {
        var (email, token) = await UserWithTokenAsync();

        var page = await _http.GetStringAsync(Relative($"unsubscribe?token={Uri.EscapeDataString(token)}"));
        var again = await _http.GetStringAsync(Relative($"unsubscribe?token={Uri.EscapeDataString(token)}"));

        Assert.Contains(email[..1] + "•••@example.com", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        Assert.Contains("data-testid=\"unsubscribe-submit\"", again, StringComparison.Ordinal);
        Assert.Null(await OptedOutAtAsync(email));

        var action = WebUtility.HtmlDecode(FormAction().Match(page).Groups[1].Value);
        using var posted = await _http.PostAsync(Relative(action), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "unsubscribe",
            ["__RequestVerificationToken"] = Antiforgery().Match(page).Groups[1].Value,
        }));

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.StartsWith("unsubscribe/confirm?token=", action, StringComparison.Ordinal);
        Assert.Contains("no longer gets marketing emails", await posted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotNull(await OptedOutAtAsync(email));
    }

    [Fact]
    public async Task The_button_without_an_antiforgery_token_is_refused()
    {
        var (email, token) = await UserWithTokenAsync();

        using var posted = await _http.PostAsync(
            Relative($"unsubscribe/confirm?token={Uri.EscapeDataString(token)}"),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "unsubscribe" }));

        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.Null(await OptedOutAtAsync(email));
    }

    [Fact]
    public async Task A_one_click_post_unsubscribes_without_a_cookie_or_antiforgery_token()
    {
        var (email, token) = await UserWithTokenAsync();

        using var posted = await _http.PostAsync(Relative($"unsubscribe?token={Uri.EscapeDataString(token)}"), OneClick());

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.NotNull(await OptedOutAtAsync(email));
    }

    [Fact]
    public async Task A_tampered_link_is_refused_clearly_on_the_page_and_by_one_click_and_changes_nothing()
    {
        var (email, token) = await UserWithTokenAsync();
        var tampered = token[..20] + (token[20] == 'A' ? 'B' : 'A') + token[21..];

        var page = await _http.GetStringAsync(Relative($"unsubscribe?token={Uri.EscapeDataString(tampered)}"));
        using var posted = await _http.PostAsync(Relative($"unsubscribe?token={Uri.EscapeDataString(tampered)}"), OneClick());

        Assert.Contains("This unsubscribe link is not valid.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("unsubscribe-submit", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.Contains("not valid", await posted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await OptedOutAtAsync(email));
    }

    public void Dispose() => _http.Dispose();

    private async Task<(string Email, string Token)> UserWithTokenAsync()
    {
        var email = await app.ConfirmedUserAsync("a-long-enough-secret", "unsubscribe");
        var user = await app.FindUserAsync(email);
        return (email, UnsubscribeTests.TokenOf(Preferences.UnsubscribeUrl(user!.Id)));
    }

    private async Task<DateTimeOffset?> OptedOutAtAsync(string email) => (await app.FindUserAsync(email))!.MarketingOptOutAt;

    private static FormUrlEncodedContent OneClick() => new(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" });

    private static Uri Relative(string path) => new(path, UriKind.Relative);

    [GeneratedRegex("<form[^>]*action=\"([^\"]+)\"")]
    private static partial Regex FormAction();

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();
}
