namespace ProfilePortal.Domain.Organizations;

/// <summary>What a member may do in an organization, from most to least powerful.</summary>
public enum OrganizationRole
{
    Owner = 0,
    Admin = 1,
    Member = 2,
}
