namespace ProfilePortal.Domain.Quotas;

public enum QuotaGrantSource
{
    /// <summary>An admin extended the quota by hand, with a reason.</summary>
    Admin = 0,

    /// <summary>The customer bought a quota pack.</summary>
    Pack = 1,
}
