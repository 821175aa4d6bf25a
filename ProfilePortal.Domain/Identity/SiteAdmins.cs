using ProfilePortal.Domain.Common;

namespace ProfilePortal.Domain.Identity;

/// <summary>The people in the site-wide <see cref="Roles.Admin"/> role, for checks and alerts in domain code.</summary>
internal static class SiteAdmins
{
    public static IQueryable<ApplicationUser> Query(IPortalDbContext db) =>
        db.Users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Admin)));
}
