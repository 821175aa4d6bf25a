namespace ProfilePortal.Domain.Identity;

/// <summary>Site-wide roles. Customers carry no role; organization roles live on <c>Membership</c>.</summary>
public static class Roles
{
    public const string Admin = "Admin";
}
