using ProfilePortal.Domain.Common;

namespace ProfilePortal.Domain.Admin;

/// <summary>The expected refusals of the outbox admin, with stable codes the UI localizes.</summary>
public static class EmailOutboxErrors
{
    public static readonly Error NotFound = Error.NotFound("email_message");

    public static readonly Error Suppressed = new(
        "email.suppressed", "The recipient opted out of marketing email, so this message is never sent, not even by an admin.");

    public static readonly Error StillQueued = new("email.still_queued", "This message is still queued; the dispatcher will send it.");

    public static readonly Error Changed = new("email.changed", "The message changed a moment ago. The current state is shown.");
}
