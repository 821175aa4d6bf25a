namespace ProfilePortal.Domain.Organizations;

/// <summary>One member as the members page lists them.</summary>
public sealed record MemberRow(Guid UserId, string Email, string DisplayName, OrganizationRole Role, DateTimeOffset JoinedAt);

/// <summary>A pending invitation as the managers see it.</summary>
public sealed record PendingInvitation(Guid Id, string Email, OrganizationRole Role, string InvitedBy, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);

/// <summary>
/// The members page: the organization, the viewer's role, the members, and (for owners and admins only) the pending
/// invitations.
/// </summary>
public sealed record MembersView(
    Guid OrganizationId, string OrganizationName, Guid ViewerId, OrganizationRole ViewerRole, IReadOnlyList<MemberRow> Members, IReadOnlyList<PendingInvitation> Invitations)
{
    public bool CanManage => ViewerRole is OrganizationRole.Owner or OrganizationRole.Admin;

    public bool IsOwner => ViewerRole == OrganizationRole.Owner;

    /// <summary>Whether the viewer may change this member's role or remove them: an admin never touches an owner.</summary>
    public bool CanManageMember(MemberRow member) => CanManage && (IsOwner || member.Role != OrganizationRole.Owner);

    /// <summary>The roles the viewer may give: only an owner makes owners.</summary>
    public IReadOnlyList<OrganizationRole> AssignableRoles =>
        IsOwner ? [OrganizationRole.Owner, OrganizationRole.Admin, OrganizationRole.Member] : [OrganizationRole.Admin, OrganizationRole.Member];
}

/// <summary>What the invitation page shows for a link.</summary>
public sealed record InvitationView(
    string OrganizationName, string InviterName, string Email, OrganizationRole Role, DateTimeOffset ExpiresAt, InvitationStatus Status, Guid OrganizationId);
