using ProfilePortal.Components.Account;

namespace ProfilePortal.Tests.Components.Account;

public sealed class ReturnUrlsTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/invitations/abc-DEF_123")]
    [InlineData("/billing/checkout/new_monthly?from=pricing")]
    public void A_path_on_this_site_is_kept(string url) => Assert.Equal(url, ReturnUrls.LocalOrNull(url));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("\\\\evil.example/")]
    [InlineData("javascript:alert(1)")]
    [InlineData("invitations/abc")]
    [InlineData("/invitations/abc\r\nLocation: https://evil.example/")]
    public void Anything_else_is_dropped(string? url) => Assert.Null(ReturnUrls.LocalOrNull(url));
}
