using Microsoft.EntityFrameworkCore;
using ProfilePortal.Domain.Common;

namespace ProfilePortal.Domain.Retention;

/// <summary>
/// The save rate of the cancellation flow (docs/retention.md): of the flows in which the customer accepted an offer,
/// the share whose subscription was not cancelled within <see cref="Window"/> of accepting. A flow counts once its
/// window has passed, so the rate for the last 30 days is not flattered by saves that have not had time to fail.
/// </summary>
/// <param name="Saved">Flows ended by an accepted offer, decided in the period, whose window is over.</param>
/// <param name="Kept">Of those, the ones not followed by a confirmed cancellation of the same subscription within the window.</param>
public sealed record SaveRate(int Saved, int Kept)
{
    /// <summary>How long a saved subscription has to stay uncancelled to count as kept.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromDays(30);

    /// <summary>Kept ÷ saved, or null when nothing was saved.</summary>
    public double? Rate => Saved == 0 ? null : (double)Kept / Saved;

    /// <summary>The save rate of the flows decided in [<paramref name="from"/>, <paramref name="to"/>) as known at <paramref name="now"/>.</summary>
    public static async Task<SaveRate> OfAsync(
        IPortalDbContext db, DateTimeOffset from, DateTimeOffset to, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var saves = await MaturedSavesAsync(db, from, to, now, cancellationToken);
        return new SaveRate(saves.Count, saves.Count(s => s.Kept));
    }

    /// <summary>
    /// Each save decided in [<paramref name="from"/>, <paramref name="to"/>) whose window is over at
    /// <paramref name="now"/>, with whether it was kept: two reads whatever the length of the period.
    /// </summary>
    internal static async Task<IReadOnlyList<(DateTimeOffset DecidedAt, bool Kept)>> MaturedSavesAsync(
        IPortalDbContext db, DateTimeOffset from, DateTimeOffset to, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var matured = now - Window;
        var end = to < matured ? to : matured;
        if (end <= from)
        {
            return [];
        }

        // Two narrow reads joined here: instants are stored in a form SQL can compare but not add to.
        var saves = await db.CancellationFeedback.AsNoTracking()
            .Where(f => f.Outcome == CancellationOutcome.Saved && f.DecidedAt >= from && f.DecidedAt < end)
            .Select(f => new { f.SubscriptionId, DecidedAt = f.DecidedAt!.Value })
            .ToListAsync(cancellationToken);
        var cancelUntil = end + Window;
        var cancellations = (await db.CancellationFeedback.AsNoTracking()
            .Where(f => f.Outcome == CancellationOutcome.Cancelled && f.DecidedAt > from && f.DecidedAt <= cancelUntil)
            .Select(f => new { f.SubscriptionId, DecidedAt = f.DecidedAt!.Value })
            .ToListAsync(cancellationToken))
            .ToLookup(f => f.SubscriptionId, f => f.DecidedAt);
        return [.. saves.Select(save => (save.DecidedAt, !cancellations[save.SubscriptionId].Any(at => at > save.DecidedAt && at <= save.DecidedAt + Window)))];
    }
}
