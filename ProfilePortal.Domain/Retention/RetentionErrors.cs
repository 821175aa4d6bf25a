using ProfilePortal.Domain.Common;

namespace ProfilePortal.Domain.Retention;

/// <summary>The expected failures of pausing and resuming, with stable codes the UI localizes.</summary>
public static class RetentionErrors
{
    public static readonly Error PauseLength = new("retention.pause_length", "Choose one of the pause lengths offered.", "months");

    public static readonly Error PauseCooldown = new(
        "retention.pause_cooldown", "The subscription was paused recently. A subscription can be paused once in a few months.");

    public static readonly Error CannotPause = new(
        "retention.cannot_pause", "Only an active paid subscription that is not being cancelled (and is not a trial) can be paused.");

    public static readonly Error NotPaused = new("retention.not_paused", "The subscription is not paused.");

    public static readonly Error Changed = new(
        "retention.changed", "The subscription was changed meanwhile (by someone else or by billing). Reload the page and try again.");
}
