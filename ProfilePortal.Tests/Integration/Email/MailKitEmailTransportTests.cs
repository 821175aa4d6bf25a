using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using ProfilePortal.Domain.Notifications;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Email;

[Collection(MailDevCollection.Name)]
public sealed class MailKitEmailTransportTests(MailDevServer maildev, PortalServices portal) : IClassFixture<PortalServices>
{
    [Fact]
    public async Task A_message_arrives_with_html_and_text_alternatives_and_a_message_id_derived_from_its_id()
    {
        var message = NewMessage(out var recipient);

        await Transport(maildev.SmtpPort).SendAsync(message);

        var received = Assert.Single(await maildev.GetMessagesAsync(recipient));
        Assert.Equal("Ваш пароль изменён", received.Subject);
        Assert.Equal(EmailServices.FromAddress, Assert.Single(received.From).Address);
        Assert.Equal("<p>Привет, <b>Анна</b></p>", received.Html?.Trim());
        Assert.Equal("Привет, Анна", received.Text?.Trim());

        var source = await maildev.GetSourceAsync(received.Id);
        Assert.Equal($"{message.Id:N}@portal.test", source.MessageId);
        var alternative = Assert.IsType<MultipartAlternative>(source.Body);
        Assert.Equal(["text/plain", "text/html"], alternative.Select(part => part.ContentType.MimeType));
        Assert.False(source.Headers.Contains("List-Unsubscribe"));
    }

    [Fact]
    public async Task Marketing_mail_carries_one_click_list_unsubscribe_headers()
    {
        const string unsubscribe = "https://portal.example/unsubscribe?token=abc";
        var message = NewMessage(out var recipient, unsubscribe);

        await Transport(maildev.SmtpPort).SendAsync(message);

        var received = Assert.Single(await maildev.GetMessagesAsync(recipient));
        var source = await maildev.GetSourceAsync(received.Id);
        Assert.Equal($"<{unsubscribe}>", source.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", source.Headers["List-Unsubscribe-Post"]);
    }

    [Fact]
    public async Task A_server_that_is_down_is_reported_with_a_safe_message_that_names_no_recipient()
    {
        var message = NewMessage(out var recipient);

        var fault = await Assert.ThrowsAsync<EmailDeliveryException>(() => Transport(UnusedPort()).SendAsync(message));

        Assert.Equal("The mail server could not be reached (ConnectionRefused).", fault.Message);
        Assert.DoesNotContain(recipient, fault.Message, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(fault.InnerException);
    }

    [Fact]
    public async Task A_cancelled_send_is_cancelled_not_reported_as_a_delivery_failure()
    {
        var message = NewMessage(out var recipient);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Transport(maildev.SmtpPort).SendAsync(message, cancelled.Token));

        Assert.Empty(await maildev.GetMessagesAsync(recipient));
    }

    private IEmailTransport Transport(int smtpPort) =>
        EmailServices.Create(smtpPort, portal).GetRequiredService<IEmailTransport>();

    private EmailMessage NewMessage(out string recipient, string? unsubscribeUrl = null)
    {
        recipient = Builders.UniqueEmail("transport");
        var content = new RenderedEmail("Ваш пароль изменён", "<p>Привет, <b>Анна</b></p>", "Привет, Анна", unsubscribeUrl);
        return EmailMessage.Queue("test", recipient, "ru", content, portal.Clock.GetUtcNow());
    }

    private static int UnusedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
