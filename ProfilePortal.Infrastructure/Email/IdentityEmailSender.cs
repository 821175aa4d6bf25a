using System.Net;
using Microsoft.AspNetCore.Identity;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Domain.Notifications;

namespace ProfilePortal.Infrastructure.Email;

/// <summary>
/// Identity's account emails, queued through the outbox in the user's language so that a down mail server
/// delays them instead of failing the sign-up or the reset.
/// </summary>
internal sealed class IdentityEmailSender(EmailOutbox outbox) : IEmailSender<ApplicationUser>
{
    // Identity's page code passes links through HtmlEncoder.Default.Encode before calling us; the templates
    // encode again, so the links are decoded here to be encoded exactly once.
    public Task SendConfirmationLinkAsync(ApplicationUser user, string email, string confirmationLink)
    {
        ArgumentNullException.ThrowIfNull(user);
        return outbox.EnqueueAsync(email, user.PreferredLanguage, new ConfirmEmailModel(user.DisplayName, WebUtility.HtmlDecode(confirmationLink)));
    }

    public Task SendPasswordResetLinkAsync(ApplicationUser user, string email, string resetLink)
    {
        ArgumentNullException.ThrowIfNull(user);
        return outbox.EnqueueAsync(email, user.PreferredLanguage, new PasswordResetModel(user.DisplayName, WebUtility.HtmlDecode(resetLink)));
    }

    public Task SendPasswordResetCodeAsync(ApplicationUser user, string email, string resetCode)
    {
        ArgumentNullException.ThrowIfNull(user);
        return outbox.EnqueueAsync(email, user.PreferredLanguage, new PasswordResetCodeModel(user.DisplayName, WebUtility.HtmlDecode(resetCode)));
    }
}
