using Microsoft.Extensions.Time.Testing;
using ProfilePortal.Domain.Notifications;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Unit.Notifications;

public sealed class EmailMessageTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(Start);

    [Fact]
    public void A_queued_message_is_pending_and_due_at_once()
    {
        var message = Queue();

        Assert.Equal(EmailStatus.Pending, message.Status);
        Assert.Equal(Start, message.NextAttemptAt);
        Assert.True(message.IsDue(Start));
        Assert.Equal(0, message.Attempts);
    }

    [Fact]
    public void Failed_attempts_back_off_30_seconds_doubling_up_to_an_hour_at_exact_instants()
    {
        var message = Queue();
        var expectedDelays = new[] { 30, 60, 120, 240, 480, 960, 1920, 3600, 3600 }.Select(s => TimeSpan.FromSeconds(s));

        foreach (var (delay, attempt) in expectedDelays.Select((delay, index) => (delay, index + 1)))
        {
            _clock.SetUtcNow(message.NextAttemptAt);
            var failedAt = _clock.GetUtcNow();
            message.Claim(failedAt, TimeSpan.FromMinutes(5));
            message.MarkFailed("The mail server could not be reached.", failedAt);

            Assert.Equal(EmailStatus.Pending, message.Status);
            Assert.Equal(attempt, message.Attempts);
            Assert.Equal(failedAt + delay, message.NextAttemptAt);
            Assert.False(message.IsDue(failedAt + delay - TimeSpan.FromTicks(1)));
            Assert.True(message.IsDue(failedAt + delay));
        }
    }

    [Fact]
    public void The_tenth_failed_attempt_gives_up_and_the_message_is_never_due_again()
    {
        var message = Queue();
        for (var attempt = 1; attempt <= EmailMessage.MaxAttempts; attempt++)
        {
            _clock.SetUtcNow(message.NextAttemptAt);
            message.Claim(_clock.GetUtcNow(), TimeSpan.FromMinutes(5));
            message.MarkFailed($"attempt {attempt}", _clock.GetUtcNow());
        }

        Assert.Equal(EmailStatus.Failed, message.Status);
        Assert.Equal(EmailMessage.MaxAttempts, message.Attempts);
        Assert.Equal("attempt 10", message.LastError);
        Assert.False(message.IsDue(_clock.GetUtcNow() + TimeSpan.FromDays(365)));
    }

    [Fact]
    public void A_claim_keeps_the_message_away_from_others_until_the_lease_ends()
    {
        var message = Queue();
        var lease = TimeSpan.FromMinutes(5);

        message.Claim(Start, lease);

        Assert.Equal(Start + lease, message.LockedUntil);
        Assert.False(message.IsDue(Start + lease - TimeSpan.FromTicks(1)));
        Assert.Throws<InvalidOperationException>(() => message.Claim(Start + TimeSpan.FromMinutes(1), lease));
        Assert.True(message.IsDue(Start + lease));
    }

    [Fact]
    public void A_sent_message_is_released_counted_and_never_due_again()
    {
        var message = Queue();
        message.Claim(Start, TimeSpan.FromMinutes(5));
        _clock.Advance(TimeSpan.FromSeconds(2));

        message.MarkSent(_clock.GetUtcNow());

        Assert.Equal(EmailStatus.Sent, message.Status);
        Assert.Equal(Start.AddSeconds(2), message.SentAt);
        Assert.Null(message.LockedUntil);
        Assert.Equal(1, message.Attempts);
        Assert.False(message.IsDue(Start.AddDays(1)));
    }

    private EmailMessage Queue() => EmailMessage.Queue("test", "reader@example.com", "en", Outbox.Content(), _clock.GetUtcNow());
}
