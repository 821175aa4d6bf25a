using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Domain.Notifications;
using ProfilePortal.Domain.Retention;
using ProfilePortal.Tests.Integration.Retention;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Email;

/// <summary>A win-back email through the whole path: the sweep, the outbox, the dispatcher and MailKit to a real SMTP server.</summary>
[Collection(MailDevCollection.Name)]
public sealed class WinBackDeliveryTests(MailDevServer maildev, WinBackServices portal) : IClassFixture<WinBackServices>
{
    [Fact]
    public async Task A_win_back_email_arrives_with_the_one_click_list_unsubscribe_headers_and_the_link_in_its_footer()
    {
        var (customer, accessEndsAt) = await portal.CancelledTrialAsync();
        portal.Clock.SetUtcNow(accessEndsAt + TimeSpan.FromDays(7));
        await portal.Get<WinBackService>().SendDueAsync();
        using var email = EmailServices.Create(maildev.SmtpPort, portal);

        await email.GetRequiredService<EmailDispatcher>().DispatchDueAsync(batchSize: 50);

        var received = Assert.Single(await maildev.GetMessagesAsync(customer.User.Email!), m => m.Subject == "Your trial has ended — the plans are still here");
        var source = await maildev.GetSourceAsync(received.Id);
        var unsubscribe = source.Headers["List-Unsubscribe"] ?? string.Empty;
        Assert.Matches("^<http://localhost:5080/unsubscribe\\?token=[A-Za-z0-9_%-]+>$", unsubscribe);
        Assert.Equal("List-Unsubscribe=One-Click", source.Headers["List-Unsubscribe-Post"]);
        Assert.Contains(unsubscribe.Trim('<', '>'), source.TextBody ?? string.Empty, StringComparison.Ordinal);
    }
}
