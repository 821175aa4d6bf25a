using Microsoft.EntityFrameworkCore;

namespace ProfilePortal.Domain.Common;

/// <summary>
/// A use case's single save where losing a race to another actor (a sweep, a second tab, a parallel click) is an
/// expected outcome, not a crash: nothing of the save is kept and the caller answers with its own "changed
/// meanwhile" error.
/// </summary>
internal static class ConcurrentSave
{
    /// <summary>
    /// Saves; when a row's concurrency token changed since it was read, returns <paramref name="conflict"/> instead.
    /// </summary>
    /// <returns>Null when saved.</returns>
    public static async Task<Error?> SaveOrConflictAsync(this IPortalDbContext db, Error conflict, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return conflict;
        }
    }

    /// <summary>
    /// Saves; when a row's concurrency token changed or a parallel request took the same unique key first (any
    /// <see cref="DbUpdateException"/>), returns <paramref name="raced"/> instead.
    /// </summary>
    /// <returns>Null when saved.</returns>
    public static async Task<Error?> SaveOrRacedAsync(this IPortalDbContext db, Error raced, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateException)
        {
            return raced;
        }
    }
}
