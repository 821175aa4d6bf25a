using ProfilePortal.Domain.Notifications;

namespace ProfilePortal.Domain.Quotas;

/// <summary>
/// Sent to a member who asked for it when the organization's launches run low or run out. Service mail, not
/// marketing: it tells how to switch it off on the profile instead of carrying an unsubscribe link.
/// </summary>
/// <param name="DisplayName">How the member is greeted.</param>
/// <param name="OrganizationName">Whose quota it is (a member may belong to several).</param>
/// <param name="Level">Low or exhausted: the subject and the wording follow it.</param>
/// <param name="ResetsAt">When the quota renews, already in <paramref name="TimeZone"/>.</param>
/// <param name="TimeZone">The member's IANA time zone, "UTC" when they chose none.</param>
/// <param name="ProfileUrl">The absolute link to the profile page, where the setting is.</param>
public sealed record QuotaNoticeModel(
    string DisplayName,
    string OrganizationName,
    QuotaLevel Level,
    int Used,
    int Limit,
    int Available,
    DateTimeOffset ResetsAt,
    string TimeZone,
    string ProfileUrl) : IEmailModel
{
    public static string Kind => "quota-notice";
}
