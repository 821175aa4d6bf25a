using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Domain.Notifications;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Email;

public sealed class IdentityEmailSenderTests(PortalServices portal) : IClassFixture<PortalServices>, IAsyncLifetime
{
    private const string Link = "https://portal.example/Account/ConfirmEmail?userId=7&code=Q2%2Fx&returnUrl=%2F";

    public Task InitializeAsync() => portal.ClearOutboxAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_confirmation_link_encoded_by_the_identity_pages_is_queued_encoded_exactly_once()
    {
        var user = User("en");

        // The Identity page code hands the link over HTML-encoded, as the template's Register page does.
        await Sender().SendConfirmationLinkAsync(user, user.Email!, HtmlEncoder.Default.Encode(Link));

        var queued = Assert.Single(await portal.OutboxAsync());
        Assert.Equal(ConfirmEmailModel.Kind, queued.Kind);
        Assert.Equal(user.Email, queued.ToAddress);
        Assert.Equal(EmailStatus.Pending, queued.Status);
        Assert.Equal("Confirm your email address", queued.Subject);
        Assert.Contains("\n" + Link + "\n", queued.TextBody, StringComparison.Ordinal);
        Assert.Contains("href=\"https://portal.example/Account/ConfirmEmail?userId=7&amp;code=Q2%2Fx&amp;returnUrl=%2F\"", queued.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("&amp;amp;", queued.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_password_reset_link_goes_out_in_the_users_preferred_language()
    {
        var user = User("ru");

        await Sender().SendPasswordResetLinkAsync(user, user.Email!, HtmlEncoder.Default.Encode(Link));

        var queued = Assert.Single(await portal.OutboxAsync());
        Assert.Equal(PasswordResetModel.Kind, queued.Kind);
        Assert.Equal("ru", queued.Language);
        Assert.Equal("Восстановление пароля", queued.Subject);
        Assert.Contains(Link, queued.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_password_reset_code_is_queued_with_the_code()
    {
        var user = User("en");

        await Sender().SendPasswordResetCodeAsync(user, user.Email!, "CfDJ8Abc-123");

        var queued = Assert.Single(await portal.OutboxAsync());
        Assert.Equal(PasswordResetCodeModel.Kind, queued.Kind);
        Assert.Contains("\nCfDJ8Abc-123\n", queued.TextBody, StringComparison.Ordinal);
    }

    private IEmailSender<ApplicationUser> Sender() =>
        EmailServices.Create(smtpPort: 25, portal).GetRequiredService<IEmailSender<ApplicationUser>>();

    private ApplicationUser User(string language) =>
        ApplicationUser.Create(Builders.UniqueEmail("identity"), language, portal.Clock.GetUtcNow());
}
