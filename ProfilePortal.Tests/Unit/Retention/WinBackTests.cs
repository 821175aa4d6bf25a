using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ProfilePortal.Domain.Retention;
using ProfilePortal.Infrastructure.Payments;

namespace ProfilePortal.Tests.Unit.Retention;

public sealed class WinBackTests
{
    private static readonly TimeSpan First = TimeSpan.FromDays(7);
    private static readonly TimeSpan Second = TimeSpan.FromDays(30);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    private static readonly DateTimeOffset AccessEndsAt = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Nothing_is_due_before_the_first_delay_has_passed()
    {
        var winBack = Staged();

        _clock.SetUtcNow(AccessEndsAt + First - TimeSpan.FromSeconds(1));

        Assert.Null(winBack.DueStep(_clock.GetUtcNow(), First, Second));
    }

    [Fact]
    public void Step_1_is_due_at_the_first_delay_and_not_again_once_sent()
    {
        var winBack = Staged();
        _clock.SetUtcNow(AccessEndsAt + First);

        Assert.Equal(1, winBack.DueStep(_clock.GetUtcNow(), First, Second));
        winBack.RecordSent(1, _clock.GetUtcNow());
        _clock.Advance(TimeSpan.FromDays(10));

        Assert.Null(winBack.DueStep(_clock.GetUtcNow(), First, Second));
        Assert.Equal(AccessEndsAt + First, winBack.Step1SentAt);
    }

    [Fact]
    public void Step_2_is_due_at_the_second_delay_and_closes_the_win_back()
    {
        var winBack = Staged();
        _clock.SetUtcNow(AccessEndsAt + First);
        winBack.RecordSent(1, _clock.GetUtcNow());

        _clock.SetUtcNow(AccessEndsAt + Second);
        Assert.Equal(2, winBack.DueStep(_clock.GetUtcNow(), First, Second));
        winBack.RecordSent(2, _clock.GetUtcNow());

        Assert.Equal((AccessEndsAt + Second, AccessEndsAt + Second, WinBackClosure.Completed), (winBack.Step2SentAt, winBack.ClosedAt, winBack.Closure));
        _clock.Advance(TimeSpan.FromDays(365));
        Assert.Null(winBack.DueStep(_clock.GetUtcNow(), First, Second));
    }

    [Fact]
    public void A_late_sweep_that_finds_both_steps_due_sends_only_step_2()
    {
        var winBack = Staged();

        _clock.SetUtcNow(AccessEndsAt + Second + TimeSpan.FromHours(3));

        Assert.Equal(2, winBack.DueStep(_clock.GetUtcNow(), First, Second));
        winBack.RecordSent(2, _clock.GetUtcNow());
        Assert.Null(winBack.Step1SentAt);
        Assert.Throws<InvalidOperationException>(() => winBack.RecordSent(1, _clock.GetUtcNow()));
    }

    [Fact]
    public void A_closed_win_back_is_never_due_and_keeps_its_first_reason()
    {
        var winBack = Staged();
        winBack.Close(WinBackClosure.Unsubscribed, _clock.GetUtcNow());
        winBack.Close(WinBackClosure.FlagOff, _clock.GetUtcNow());

        _clock.SetUtcNow(AccessEndsAt + Second);

        Assert.Null(winBack.DueStep(_clock.GetUtcNow(), First, Second));
        Assert.Equal(WinBackClosure.Unsubscribed, winBack.Closure);
    }

    [Fact]
    public void Only_a_win_back_whose_email_went_out_converts_and_only_once()
    {
        var unsent = Staged();
        var sent = Staged();
        _clock.SetUtcNow(AccessEndsAt + First);
        sent.RecordSent(1, _clock.GetUtcNow());

        Assert.False(unsent.MarkConverted(_clock.GetUtcNow()));
        Assert.True(sent.MarkConverted(_clock.GetUtcNow()));
        Assert.False(sent.MarkConverted(_clock.GetUtcNow()));
        Assert.Equal((WinBackClosure.Resubscribed, (DateTimeOffset?)_clock.GetUtcNow()), (sent.Closure!.Value, sent.ConvertedAt));
    }

    [Theory]
    [InlineData("00:00:00", "7.00:00:00")]
    [InlineData("7.00:00:00", "7.00:00:00")]
    [InlineData("30.00:00:00", "7.00:00:00")]
    public void Options_whose_second_delay_is_not_after_the_first_stop_the_start(string first, string second)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["WinBack:FirstDelay"] = first, ["WinBack:SecondDelay"] = second })
            .Build();
        using var services = new ServiceCollection().AddPortalPayments(configuration).BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<WinBackOptions>>().Value);
    }

    [Fact]
    public void The_default_delays_are_7_and_30_days()
    {
        var options = new WinBackOptions();

        Assert.Equal((TimeSpan.FromDays(7), TimeSpan.FromDays(30)), (options.FirstDelay, options.SecondDelay));
    }

    private WinBack Staged() =>
        WinBack.Stage(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), WinBackKind.Trial, AccessEndsAt, _clock.GetUtcNow());
}
