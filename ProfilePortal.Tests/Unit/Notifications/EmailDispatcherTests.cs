using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Notifications;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Unit.Notifications;

public sealed class EmailDispatcherTests(PortalServices portal) : IClassFixture<PortalServices>, IAsyncLifetime
{
    private readonly FakeEmailTransport _transport = new();

    public Task InitializeAsync() => portal.ClearOutboxAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Due_messages_are_sent_once_and_marked_sent()
    {
        var first = await portal.QueueAsync();
        var second = await portal.QueueAsync();

        var result = await Dispatcher().DispatchDueAsync(batchSize: 10);

        Assert.Equal(new EmailDispatchResult(2, 0, 0, 0), result);
        Assert.Equal(new[] { first.Id, second.Id }.Order(), _transport.Sent.Select(m => m.Id).Order());
        foreach (var id in new[] { first.Id, second.Id })
        {
            var stored = await portal.ReloadAsync(id);
            Assert.Equal(EmailStatus.Sent, stored.Status);
            Assert.Equal(portal.Clock.GetUtcNow(), stored.SentAt);
            Assert.Null(stored.LockedUntil);
        }
    }

    [Fact]
    public async Task Delivery_metrics_count_a_sent_message_and_a_failed_attempt_that_will_be_retried()
    {
        using var deliveries = new MetricCollector<long>(portal.Get<IMeterFactory>(), EmailMetrics.MeterName, "email_delivery");
        var message = await portal.QueueAsync();
        _transport.FailWith = "The mail server could not be reached.";
        await Dispatcher().DispatchDueAsync(batchSize: 10);
        _transport.FailWith = null;
        portal.Clock.Advance(TimeSpan.FromHours(1));

        await Dispatcher().DispatchDueAsync(batchSize: 10);

        Assert.Equal(
            [("retrying", message.Kind), ("sent", message.Kind)],
            deliveries.GetMeasurementSnapshot().Select(m => ((string?)m.Tags["outcome"], (string?)m.Tags["kind"])));
    }

    [Fact]
    public async Task A_second_run_sends_nothing_that_was_already_sent()
    {
        await portal.QueueAsync();
        await Dispatcher().DispatchDueAsync(batchSize: 10);

        portal.Clock.Advance(TimeSpan.FromDays(1));
        var again = await Dispatcher().DispatchDueAsync(batchSize: 10);

        Assert.Equal(EmailDispatchResult.None, again);
        Assert.Single(_transport.Sent);
    }

    [Fact]
    public async Task Messages_not_yet_due_or_already_finished_are_left_alone()
    {
        var retryLater = await portal.QueueAsync();
        _transport.FailWith = "The mail server could not be reached.";
        await Dispatcher().DispatchDueAsync(batchSize: 10);
        _transport.FailWith = null;

        portal.Clock.Advance(TimeSpan.FromSeconds(29));
        var result = await Dispatcher().DispatchDueAsync(batchSize: 10);

        Assert.Equal(EmailDispatchResult.None, result);
        Assert.Empty(_transport.Sent);
        Assert.Equal(1, (await portal.ReloadAsync(retryLater.Id)).Attempts);
    }

    [Fact]
    public async Task All_due_messages_are_sent_in_batches_of_the_given_size()
    {
        for (var i = 0; i < 7; i++)
        {
            await portal.QueueAsync();
        }

        var result = await Dispatcher().DispatchDueAsync(batchSize: 3);

        Assert.Equal(7, result.Sent);
        Assert.Equal(7, _transport.Sent.Select(m => m.Id).Distinct().Count());
    }

    [Fact]
    public async Task A_failed_send_records_the_attempt_and_retries_after_the_back_off()
    {
        var message = await portal.QueueAsync();
        var failedAt = portal.Clock.GetUtcNow();
        _transport.FailWith = "The mail server could not be reached (ConnectionRefused).";

        var failed = await Dispatcher().DispatchDueAsync(batchSize: 10);

        Assert.Equal(new EmailDispatchResult(0, 1, 0, 0), failed);
        var pending = await portal.ReloadAsync(message.Id);
        Assert.Equal(EmailStatus.Pending, pending.Status);
        Assert.Equal(1, pending.Attempts);
        Assert.Equal(failedAt + TimeSpan.FromSeconds(30), pending.NextAttemptAt);
        Assert.Equal("The mail server could not be reached (ConnectionRefused).", pending.LastError);
        Assert.Null(pending.LockedUntil);

        _transport.FailWith = null;
        portal.Clock.Advance(TimeSpan.FromSeconds(30));
        var retried = await Dispatcher().DispatchDueAsync(batchSize: 10);

        Assert.Equal(1, retried.Sent);
        var sent = await portal.ReloadAsync(message.Id);
        Assert.Equal(EmailStatus.Sent, sent.Status);
        Assert.Equal(2, sent.Attempts);
    }

    [Fact]
    public async Task The_last_allowed_failure_marks_the_message_failed_for_good()
    {
        var message = await portal.QueueAsync();
        _transport.FailWith = "The mail server refused the message: RecipientNotAccepted (550).";

        var results = new List<EmailDispatchResult>();
        for (var attempt = 1; attempt <= EmailMessage.MaxAttempts; attempt++)
        {
            results.Add(await Dispatcher().DispatchDueAsync(batchSize: 10));
            portal.Clock.Advance(TimeSpan.FromHours(1));
        }

        Assert.All(results[..^1], r => Assert.Equal(1, r.Retrying));
        Assert.Equal(new EmailDispatchResult(0, 0, 1, 0), results[^1]);
        var failed = await portal.ReloadAsync(message.Id);
        Assert.Equal(EmailStatus.Failed, failed.Status);
        Assert.Equal(EmailMessage.MaxAttempts, failed.Attempts);
        Assert.Equal(EmailDispatchResult.None, await Dispatcher().DispatchDueAsync(batchSize: 10));
    }

    [Fact]
    public async Task A_message_claimed_by_another_dispatcher_is_not_sent_twice()
    {
        var message = await portal.QueueAsync();
        var other = new FakeEmailTransport();
        EmailDispatchResult? otherResult = null;
        // While this dispatcher holds the claim (mid-send), a second instance sweeps the same table.
        _transport.DuringSend = async _ => otherResult = await Dispatcher(other).DispatchDueAsync(batchSize: 10);

        var result = await Dispatcher().DispatchDueAsync(batchSize: 10);

        Assert.Equal(1, result.Sent);
        Assert.Equal(EmailDispatchResult.None, otherResult);
        Assert.Empty(other.Sent);
        Assert.Equal(message.Id, Assert.Single(_transport.Sent).Id);
    }

    [Fact]
    public async Task A_claim_left_by_a_crashed_dispatcher_is_taken_over_after_the_lease()
    {
        var message = await portal.QueueAsync();
        var crashed = new FakeEmailTransport { DuringSend = _ => throw new OperationCanceledException("the process died") };
        await Assert.ThrowsAsync<OperationCanceledException>(() => Dispatcher(crashed).DispatchDueAsync(batchSize: 10));
        var claimed = await portal.ReloadAsync(message.Id);
        Assert.Equal(portal.Clock.GetUtcNow() + EmailDispatcher.ClaimLease, claimed.LockedUntil);

        var duringLease = await Dispatcher().DispatchDueAsync(batchSize: 10);
        portal.Clock.Advance(EmailDispatcher.ClaimLease);
        var afterLease = await Dispatcher().DispatchDueAsync(batchSize: 10);

        Assert.Equal(EmailDispatchResult.None, duringLease);
        Assert.Equal(1, afterLease.Sent);
        Assert.Equal(EmailStatus.Sent, (await portal.ReloadAsync(message.Id)).Status);
    }

    [Fact]
    public async Task An_outcome_saved_after_the_lease_was_taken_over_is_dropped()
    {
        var message = await portal.QueueAsync();
        // The first send takes longer than the lease: meanwhile another instance claims and sends it.
        _transport.DuringSend = async _ =>
        {
            portal.Clock.Advance(EmailDispatcher.ClaimLease);
            await Dispatcher(new FakeEmailTransport()).DispatchDueAsync(batchSize: 10);
        };

        var result = await Dispatcher().DispatchDueAsync(batchSize: 10);

        Assert.Equal(1, result.Sent);
        var stored = await portal.ReloadAsync(message.Id);
        Assert.Equal(EmailStatus.Sent, stored.Status);
        Assert.Equal(1, stored.Attempts);
    }

    private EmailDispatcher Dispatcher(IEmailTransport? transport = null) =>
        new(portal.Get<IPortalDbContextFactory>(), transport ?? _transport, portal.Clock, portal.Get<EmailMetrics>(), NullLogger<EmailDispatcher>.Instance);
}
