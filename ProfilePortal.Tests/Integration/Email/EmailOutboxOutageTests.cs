using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Domain.Notifications;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Email;

/// <summary>The outbox's promise: a down mail server delays mail, never loses it, never doubles it.</summary>
[Collection(MailDevCollection.Name)]
public sealed class EmailOutboxOutageTests(MailDevServer maildev, PortalServices portal) : IClassFixture<PortalServices>, IAsyncLifetime
{
    public Task InitializeAsync() => portal.ClearOutboxAsync();

    // Leave the shared server running for the next test class, however this one ended.
    public Task DisposeAsync() => maildev.StartAsync();

    [Fact]
    public async Task The_outbox_survives_an_smtp_outage_and_delivers_each_message_exactly_once()
    {
        await using var services = EmailServices.Create(maildev.SmtpPort, portal);
        var outbox = services.GetRequiredService<EmailOutbox>();
        var dispatcher = services.GetRequiredService<EmailDispatcher>();
        var recipients = new[] { "ru", "en", "ru" }.Select(language => (Email: Builders.UniqueEmail("outage"), Language: language)).ToList();
        foreach (var (email, language) in recipients)
        {
            await outbox.EnqueueAsync(email, language, new PasswordChangedModel("Анна"));
        }

        await maildev.StopAsync();
        var failedAt = portal.Clock.GetUtcNow();
        var duringOutage = await dispatcher.DispatchDueAsync(batchSize: 2);

        Assert.Equal(new EmailDispatchResult(0, 3, 0, 0), duringOutage);
        var waiting = await portal.OutboxAsync();
        Assert.Equal(3, waiting.Count);
        Assert.All(waiting, message =>
        {
            Assert.Equal(EmailStatus.Pending, message.Status);
            Assert.Equal(1, message.Attempts);
            Assert.Equal(failedAt + EmailMessage.RetryDelay(1), message.NextAttemptAt);
            Assert.Equal("The mail server could not be reached (ConnectionRefused).", message.LastError);
            Assert.Null(message.LockedUntil);
        });
        Assert.Equal(EmailDispatchResult.None, await dispatcher.DispatchDueAsync(batchSize: 2));

        await maildev.StartAsync();
        portal.Clock.Advance(EmailMessage.RetryDelay(1));
        var afterOutage = await dispatcher.DispatchDueAsync(batchSize: 2);

        Assert.Equal(new EmailDispatchResult(3, 0, 0, 0), afterOutage);
        foreach (var (email, language) in recipients)
        {
            var received = Assert.Single(await maildev.GetMessagesAsync(email));
            Assert.Equal(language == "ru" ? "Пароль изменён" : "Your password was changed", received.Subject);
        }

        Assert.All(await portal.OutboxAsync(), message =>
        {
            Assert.Equal(EmailStatus.Sent, message.Status);
            Assert.Equal(2, message.Attempts);
        });

        portal.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(EmailDispatchResult.None, await dispatcher.DispatchDueAsync(batchSize: 2));
        foreach (var (email, _) in recipients)
        {
            Assert.Single(await maildev.GetMessagesAsync(email));
        }
    }
}
