using ProfilePortal.Domain.Notifications;

namespace ProfilePortal.Domain.Retention;

/// <summary>
/// A win-back email: step 1 (a week after access ended, by default) or step 2 (a month after), worded for a
/// cancelled trial or a cancelled plan, with the link to the plans and the unsubscribe link.
/// </summary>
public sealed record WinBackModel(string DisplayName, WinBackKind CancelledKind, int Step, string OfferLink, string UnsubscribeUrl) : IMarketingEmailModel
{
    public static string Kind => "win-back";
}
