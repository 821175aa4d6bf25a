using Microsoft.EntityFrameworkCore;

namespace ProfilePortal.Domain.Common;

/// <summary>
/// The tail of a sweep's batch (reminders, win-back emails): the rows it advanced and the emails it queued are saved
/// in one <c>SaveChanges</c>, all or nothing. When another sweep (another node, an overlapping run) or the customer
/// changed one of the rows meanwhile, nothing of the batch is saved, so no email goes out twice, and the next run
/// reads the rows again.
/// </summary>
internal static class SweepBatch
{
    /// <summary>Saves the batch and tells what became of it.</summary>
    /// <param name="db">The batch's context, holding its changes.</param>
    /// <param name="read">How many rows the batch read.</param>
    /// <param name="sent">How many emails it queued.</param>
    /// <param name="logConflict">Logs a conflict, given the rows read.</param>
    /// <param name="cancellationToken">Cancels the save.</param>
    /// <returns>The rows read and the emails sent; on a conflict nothing sent and <c>Conflict</c> set (the sweep stops).</returns>
    public static async Task<(int Read, int Sent, bool Conflict)> SaveAsync(
        IPortalDbContext db, int read, int sent, Action<int> logConflict, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            logConflict(read);
            return (read, 0, true);
        }

        return (read, sent, false);
    }
}
