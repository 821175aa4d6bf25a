using ProfilePortal.Domain.Common;

namespace ProfilePortal.Domain.Fraud;

/// <summary>The expected refusals of the fraud review, with stable codes the UI localizes.</summary>
public static class FraudErrors
{
    public static readonly Error SignalNotFound = Error.NotFound("fraud_signal");

    public static readonly Error BlockNotFound = Error.NotFound("fraud_block");

    public static readonly Error AlreadyReviewed = new("fraud.already_reviewed", "This signal has already been reviewed.");

    public static readonly Error NothingChosen = new("fraud.nothing_chosen", "Choose at least one address, card or account to block.");

    public static readonly Error UnknownAccount = new("fraud.unknown_account", "Only the accounts the signal lists can be blocked from it.");

    public static readonly Error Changed = new("fraud.changed", "Another admin changed this a moment ago. The current state is shown.");

    public static readonly Error NoteRequired = Error.Validation("note", "Say why the signal is dismissed.");

    public static readonly Error NoteTooLong = Error.Validation("note", $"A note is at most {FraudSignal.NoteMaxLength} characters.");
}
