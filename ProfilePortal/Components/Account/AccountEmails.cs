using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Domain.Notifications;

namespace ProfilePortal.Components.Account;

/// <summary>
/// The account emails the Identity pages send: confirmation and reset links (tokens Base64Url-encoded as in
/// the template) and the "your password changed" notice.
/// </summary>
internal sealed class AccountEmails(
    UserManager<ApplicationUser> users,
    IEmailSender<ApplicationUser> sender,
    EmailOutbox outbox,
    NavigationManager navigation)
{
    /// <summary>
    /// Sends the link that confirms the address. A local <paramref name="returnUrl"/> (the invitation the newcomer came
    /// from) rides along, so the confirmed user signs in and lands back there; any other address is left out.
    /// </summary>
    public async Task SendConfirmationLinkAsync(ApplicationUser user, string? returnUrl = null)
    {
        var code = Encode(await users.GenerateEmailConfirmationTokenAsync(user));
        var link = Link("Account/ConfirmEmail", new() { ["userId"] = user.Id.ToString(), ["code"] = code, ["returnUrl"] = ReturnUrls.LocalOrNull(returnUrl) });
        // The sender contract of Identity's pages: the link arrives HTML-encoded.
        await sender.SendConfirmationLinkAsync(user, user.Email!, HtmlEncoder.Default.Encode(link));
    }

    public async Task SendPasswordResetLinkAsync(ApplicationUser user)
    {
        var code = Encode(await users.GeneratePasswordResetTokenAsync(user));
        var link = Link("Account/ResetPassword", new() { ["code"] = code });
        await sender.SendPasswordResetLinkAsync(user, user.Email!, HtmlEncoder.Default.Encode(link));
    }

    /// <summary>Tells the owner their password changed, so someone who did not do it can react.</summary>
    public Task SendPasswordChangedAsync(ApplicationUser user, CancellationToken cancellationToken = default) =>
        outbox.EnqueueAsync(user.Email!, user.PreferredLanguage, new PasswordChangedModel(user.DisplayName), cancellationToken);

    /// <summary>Decodes a token from a link; null when the link was cut or tampered with.</summary>
    public static string? DecodeToken(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    private string Link(string path, Dictionary<string, object?> query) =>
        navigation.GetUriWithQueryParameters(navigation.ToAbsoluteUri(path).AbsoluteUri, query);
}
