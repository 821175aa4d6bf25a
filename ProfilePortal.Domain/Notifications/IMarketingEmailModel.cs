namespace ProfilePortal.Domain.Notifications;

/// <summary>
/// Marketing mail (win-back and the like): the recipient can opt out, so the email shows an unsubscribe link
/// and carries it as <c>List-Unsubscribe</c> for one-click unsubscription in mail clients.
/// </summary>
public interface IMarketingEmailModel : IEmailModel
{
    /// <summary>
    /// The recipient's absolute unsubscribe URL (<see cref="MarketingPreferences.UnsubscribeUrl"/>): GET opens the page
    /// with the button that unsubscribes, an RFC 8058 one-click POST unsubscribes at once.
    /// </summary>
    string UnsubscribeUrl { get; }
}
