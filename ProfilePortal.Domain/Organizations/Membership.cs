namespace ProfilePortal.Domain.Organizations;

/// <summary>A user's place in an organization. Every query for organization data goes through it.</summary>
public sealed class Membership
{
    private Membership()
    {
    }

    public Guid OrganizationId { get; private set; }

    public Guid UserId { get; private set; }

    public OrganizationRole Role { get; private set; }

    public DateTimeOffset JoinedAt { get; private set; }

    public Organization? Organization { get; private set; }

    /// <summary>Gives the member another role; who may do it, and the last-Owner rule, are <see cref="MembersService"/>'s.</summary>
    internal void ChangeRole(OrganizationRole role) => Role = role;

    internal static Membership Create(Guid organizationId, Guid userId, OrganizationRole role, DateTimeOffset now) => new()
    {
        OrganizationId = organizationId,
        UserId = userId,
        Role = role,
        JoinedAt = now,
    };
}
