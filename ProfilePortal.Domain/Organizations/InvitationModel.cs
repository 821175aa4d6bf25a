using ProfilePortal.Domain.Notifications;

namespace ProfilePortal.Domain.Organizations;

/// <summary>
/// Sent when someone is invited into an organization: who invites, into what, with which role, the link and until when
/// it works. <see cref="DisplayName"/> is the invitee's name when they already have an account, otherwise null.
/// </summary>
public sealed record InvitationModel(
    string? DisplayName, string InviterName, string OrganizationName, OrganizationRole Role, string AcceptLink, DateTimeOffset ExpiresAt) : IEmailModel
{
    public static string Kind => "invitation";
}
