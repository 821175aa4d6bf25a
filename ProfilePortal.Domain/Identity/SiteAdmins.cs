using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ProfilePortal.Domain.Common;

namespace ProfilePortal.Domain.Identity;

/// <summary>
/// The people in the site-wide <see cref="Roles.Admin"/> role, read from the database, for checks and alerts in
/// domain code. The admin policy guards the pages; services that admins alone may call check again here, because
/// they can be called from any component and a role taken away counts at once, not when the sign-in cookie's
/// claims are next refreshed.
/// </summary>
internal static partial class SiteAdmins
{
    public static IQueryable<ApplicationUser> Query(IPortalDbContext db) =>
        db.Users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Admin)));

    public static Task<bool> IsAdminAsync(IPortalDbContext db, Guid userId, CancellationToken cancellationToken) =>
        db.UserRoles.AnyAsync(ur => ur.UserId == userId && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Admin), cancellationToken);

    /// <summary>
    /// The admin services' guard: null for a site admin; otherwise a warning in <paramref name="logger"/> (the calling
    /// service's category) that the user may not <paramref name="operation"/>, and forbidden.
    /// </summary>
    public static async Task<Error?> RefuseNonAdminAsync(
        IPortalDbContext db, Guid userId, ILogger logger, string operation, CancellationToken cancellationToken)
    {
        if (await IsAdminAsync(db, userId, cancellationToken))
        {
            return null;
        }

        LogRefused(logger, userId, operation);
        return Error.Forbidden();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "User {UserId} is not an admin and may not {Operation}")]
    private static partial void LogRefused(ILogger logger, Guid userId, string operation);
}
