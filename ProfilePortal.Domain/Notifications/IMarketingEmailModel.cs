namespace ProfilePortal.Domain.Notifications;

/// <summary>
/// Marketing mail (win-back and the like): the recipient can opt out, so the email shows an unsubscribe link
/// and carries it as <c>List-Unsubscribe</c> for one-click unsubscription in mail clients.
/// </summary>
public interface IMarketingEmailModel : IEmailModel
{
    /// <summary>An absolute https URL that unsubscribes the recipient on GET and on a one-click POST.</summary>
    string UnsubscribeUrl { get; }
}
