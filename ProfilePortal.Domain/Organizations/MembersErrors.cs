using ProfilePortal.Domain.Common;

namespace ProfilePortal.Domain.Organizations;

/// <summary>The expected refusals of managing members and invitations, with stable codes the UI localizes.</summary>
public static class MembersErrors
{
    public static readonly Error ManagersOnly = new("members.managers_only", "Only the organization's owners and admins manage its members.");

    public static readonly Error OwnersOnly = new("members.owners_only", "Only an owner can change an owner, make someone an owner or transfer ownership.");

    public static readonly Error InvalidEmail = new("members.invalid_email", "Enter a valid email address.", "email");

    public static readonly Error InvalidRole = new("members.invalid_role", "Invite as an admin or a member; ownership is transferred, not invited.", "role");

    public static readonly Error AlreadyMember = new("members.already_member", "This person is already a member of the organization.", "email");

    public static readonly Error AlreadyInvited = new("members.already_invited", "This address already has a pending invitation.", "email");

    public static readonly Error MemberNotFound = new("members.member_not_found", "This person is not a member of the organization.");

    public static readonly Error LastOwner = new("members.last_owner", "An organization needs an owner: make someone else an owner first.");

    public static readonly Error TransferToSelf = new("members.transfer_to_self", "You already own the organization; choose another member.");

    public static readonly Error Changed = new("members.changed", "The members changed meanwhile. Reload the page and try again.");

    public static readonly Error InvitationNotFound = new("invitations.not_found", "This invitation link is not valid.");

    public static readonly Error InvitationExpired = new("invitations.expired", "This invitation has expired. Ask for a new one.");

    public static readonly Error InvitationRevoked = new("invitations.revoked", "This invitation was withdrawn.");

    public static readonly Error InvitationAccepted = new("invitations.accepted", "This invitation was already accepted.");

    public static readonly Error WrongRecipient = new(
        "invitations.wrong_recipient", "This invitation is for another email address. Sign in with the address it was sent to.");
}
