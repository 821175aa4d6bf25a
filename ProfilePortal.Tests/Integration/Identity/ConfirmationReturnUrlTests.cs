using System.Net;
using System.Text.RegularExpressions;
using ProfilePortal.Tests.EndToEnd;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Identity;

/// <summary>
/// The way back to an invitation over sign-up, over HTTP as a browser posts the static account forms: the
/// confirmation email carries a local return address, the confirmation page hands it to sign-in, and sign-in
/// goes there. An address on another host is dropped at every step (no open redirect).
/// </summary>
public sealed partial class ConfirmationReturnUrlTests(PortalApp app) : IClassFixture<PortalApp>, IDisposable
{
    private const string Password = "a-long-enough-secret";
    private const string Invitation = "/invitations/some-token";
    private const string Foreign = "https://evil.example/phish";

    private readonly HttpClient _http = new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
    {
        BaseAddress = app.BaseAddress,
        DefaultRequestHeaders = { { "Accept-Language", "en" } },
    };

    [Fact]
    public async Task A_local_return_address_goes_into_the_confirmation_link_to_sign_in_and_back_there()
    {
        var email = Builders.UniqueEmail("invitee");

        using var registered = await RegisterAsync(email, Invitation);
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        Assert.Contains("returnUrl=%2Finvitations%2Fsome-token", registered.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var link = (await app.Mail.WaitForMessageAsync(email)).LinkTo("Account/ConfirmEmail");
        Assert.Contains("returnUrl=%2Finvitations%2Fsome-token", link.Query, StringComparison.Ordinal);

        var confirmed = await _http.GetStringAsync(link.PathAndQuery.TrimStart('/'));
        Assert.Contains("data-testid=\"confirm-email-return\"", confirmed, StringComparison.Ordinal);
        Assert.Equal("Account/Login?ReturnUrl=%2Finvitations%2Fsome-token", SignInHref(confirmed));

        using var signedIn = await SignInAsync(email, Invitation);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(app.Url(Invitation.TrimStart('/')), Target(signedIn));
    }

    [Theory]
    [InlineData(Foreign)]
    [InlineData("//evil.example/phish")]
    [InlineData("/\\evil.example/phish")]
    public async Task A_return_address_on_another_host_is_left_out_of_the_link_and_ignored_after_confirming_and_signing_in(string foreign)
    {
        var email = Builders.UniqueEmail("phished");

        using var registered = await RegisterAsync(email, foreign);
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        Assert.DoesNotContain("evil", registered.Headers.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);

        var link = (await app.Mail.WaitForMessageAsync(email)).LinkTo("Account/ConfirmEmail");
        Assert.DoesNotContain("returnUrl", link.Query, StringComparison.OrdinalIgnoreCase);

        // A link someone edited by hand: confirmation still works, the foreign address is not passed on.
        var tampered = link.PathAndQuery.TrimStart('/') + "&returnUrl=" + Uri.EscapeDataString(foreign);
        var confirmed = await _http.GetStringAsync(tampered);
        Assert.Contains("data-testid=\"confirm-email-status\"", confirmed, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"form-error\"", confirmed, StringComparison.Ordinal);
        Assert.DoesNotContain("confirm-email-return", confirmed, StringComparison.Ordinal);
        Assert.Equal("Account/Login", SignInHref(confirmed));

        using var signedIn = await SignInAsync(email, foreign);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(app.BaseAddress, Target(signedIn));
    }

    public void Dispose() => _http.Dispose();

    private Task<HttpResponseMessage> RegisterAsync(string email, string returnUrl) =>
        PostFormAsync($"Account/Register?ReturnUrl={Uri.EscapeDataString(returnUrl)}", "register", new()
        {
            ["Input.Email"] = email,
            ["Input.Password"] = Password,
            ["Input.ConfirmPassword"] = Password,
        });

    private Task<HttpResponseMessage> SignInAsync(string email, string returnUrl) =>
        PostFormAsync($"Account/Login?ReturnUrl={Uri.EscapeDataString(returnUrl)}", "login", new()
        {
            ["Input.Email"] = email,
            ["Input.Password"] = Password,
        });

    /// <summary>Gets the page, then posts its form back to the same address with the antiforgery token, as the browser does.</summary>
    private async Task<HttpResponseMessage> PostFormAsync(string address, string handler, Dictionary<string, string> fields)
    {
        var page = await _http.GetStringAsync(address);
        fields["_handler"] = handler;
        fields["__RequestVerificationToken"] = Antiforgery().Match(page).Groups[1].Value;
        return await _http.PostAsync(address, new FormUrlEncodedContent(fields));
    }

    /// <summary>Where a redirect leads, resolved against the portal as a browser would.</summary>
    private Uri Target(HttpResponseMessage response) => new(app.BaseAddress, response.Headers.Location!);

    private static string SignInHref(string html) =>
        WebUtility.HtmlDecode(Href().Match(SignInButton().Match(html).Value).Groups[1].Value);

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();

    [GeneratedRegex("<a[^>]*data-testid=\"confirm-email-sign-in\"[^>]*>")]
    private static partial Regex SignInButton();

    [GeneratedRegex("href=\"([^\"]*)\"")]
    private static partial Regex Href();
}
