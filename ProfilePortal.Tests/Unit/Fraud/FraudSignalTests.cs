using ProfilePortal.Domain.Fraud;

namespace ProfilePortal.Tests.Unit.Fraud;

public sealed class FraudSignalTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static FraudEvidence Trial(int minutesAgo) =>
        new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), $"user{minutesAgo}@example.com", Now.AddMinutes(-minutesAgo));

    [Fact]
    public void Raise_opens_a_signal_listing_the_trials_from_the_earliest()
    {
        var trials = new[] { Trial(5), Trial(90), Trial(0) };

        var signal = FraudSignal.Raise(FraudSignalKind.IpVelocity, "203.0.113.7", trials, Now);

        Assert.Equal((FraudSignalStatus.Open, Now, Now.AddMinutes(-90)), (signal.Status, signal.RaisedAt, signal.FirstSeenAt));
        Assert.Equal(trials.Select(t => (t.UserId, t.Email)), signal.Accounts.Select(a => (a.UserId, a.Email)));
        Assert.All(signal.Accounts, a => Assert.Equal(signal.Id, a.SignalId));
    }

    [Fact]
    public void Raise_needs_a_key_and_a_trial()
    {
        Assert.Throws<ArgumentException>(() => FraudSignal.Raise(FraudSignalKind.SharedCard, " ", [Trial(0)], Now));
        Assert.Throws<ArgumentException>(() => FraudSignal.Raise(FraudSignalKind.SharedCard, "fp", [], Now));
    }

    [Fact]
    public void Dismiss_records_who_when_and_why_and_only_an_open_signal_can_be_dismissed()
    {
        var admin = Guid.NewGuid();
        var signal = FraudSignal.Raise(FraudSignalKind.SharedCard, "fp", [Trial(1), Trial(0)], Now);

        signal.Dismiss(admin, "  Same family  ", Now.AddHours(1));

        Assert.Equal((FraudSignalStatus.Dismissed, (Guid?)admin, (DateTimeOffset?)Now.AddHours(1), "Same family"), (signal.Status, signal.ReviewedByUserId, signal.ReviewedAt, signal.Note));
        Assert.Throws<InvalidOperationException>(() => signal.Dismiss(admin, "Again", Now.AddHours(2)));
    }

    [Fact]
    public void A_block_without_a_note_drops_a_dismissal_note_but_keeps_an_earlier_block_note()
    {
        var admin = Guid.NewGuid();
        var dismissed = FraudSignal.Raise(FraudSignalKind.IpVelocity, "198.18.0.1", [Trial(0)], Now);
        dismissed.Dismiss(admin, "Office", Now);
        var blocked = FraudSignal.Raise(FraudSignalKind.IpVelocity, "198.18.0.2", [Trial(0)], Now);
        blocked.Block(admin, "Scripted sign-ups", Now);

        dismissed.Block(admin, null, Now.AddMinutes(1));
        blocked.Block(admin, " ", Now.AddMinutes(1));

        Assert.Equal((FraudSignalStatus.Blocked, (string?)null), (dismissed.Status, dismissed.Note));
        Assert.Equal((FraudSignalStatus.Blocked, "Scripted sign-ups", (DateTimeOffset?)Now.AddMinutes(1)), (blocked.Status, blocked.Note, blocked.ReviewedAt));
    }

    [Fact]
    public void A_note_longer_than_the_column_is_cut_to_fit()
    {
        var signal = FraudSignal.Raise(FraudSignalKind.IpVelocity, "198.18.0.3", [Trial(0)], Now);

        signal.Dismiss(Guid.NewGuid(), new string('x', FraudSignal.NoteMaxLength + 10), Now);

        Assert.Equal(FraudSignal.NoteMaxLength, signal.Note!.Length);
    }
}
