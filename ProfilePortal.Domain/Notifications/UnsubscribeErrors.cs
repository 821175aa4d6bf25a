using ProfilePortal.Domain.Common;

namespace ProfilePortal.Domain.Notifications;

/// <summary>The expected refusals of the unsubscribe link, with stable codes the UI localizes.</summary>
public static class UnsubscribeErrors
{
    /// <summary>One answer for a cut, altered or foreign link, or one whose user is gone: which of them helps nobody but an attacker.</summary>
    public static readonly Error InvalidLink = new(
        "unsubscribe.invalid_link", "This unsubscribe link is not valid. Open the link from the email again, or contact support.");
}
