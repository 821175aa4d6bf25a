using Microsoft.EntityFrameworkCore;
using ProfilePortal.Domain.Common;

namespace ProfilePortal.Domain.Trials;

/// <summary>
/// The trial activation success rate of seed 002 §3 (ADR-016), for the <c>trial_activation</c> alert rule and the
/// dashboards: started trials of the activation attempts in a window. Attempts antifraud blocked count neither way.
/// Windows are half-open, [since, until), so consecutive windows never count an attempt twice.
/// </summary>
public static class TrialActivationQueries
{
    /// <summary>Succeeded attempts (the part) of succeeded and failed attempts (the whole) made in [<paramref name="since"/>, <paramref name="until"/>).</summary>
    public static async Task<Ratio> SuccessRateAsync(IPortalDbContext db, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var counts = await InWindow(db, since, until)
            .Where(a => a.Outcome == TrialActivationOutcome.Succeeded || a.Outcome == TrialActivationOutcome.Failed)
            .GroupBy(a => a.Outcome)
            .Select(g => new { Outcome = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return new Ratio(counts.Where(c => c.Outcome == TrialActivationOutcome.Succeeded).Sum(c => c.Count), counts.Sum(c => c.Count));
    }

    /// <summary>The failed and blocked attempts made in [<paramref name="since"/>, <paramref name="until"/>) by outcome and error code, most frequent first.</summary>
    public static async Task<IReadOnlyList<TrialActivationFailureCount>> FailuresAsync(
        IPortalDbContext db, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var counts = await InWindow(db, since, until)
            .Where(a => a.Outcome != TrialActivationOutcome.Succeeded)
            .GroupBy(a => new { a.Outcome, a.ErrorCode })
            .Select(g => new { g.Key.Outcome, g.Key.ErrorCode, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return [.. counts
            .Select(c => new TrialActivationFailureCount(c.Outcome, c.ErrorCode ?? string.Empty, c.Count))
            .OrderByDescending(c => c.Count)
            .ThenBy(c => c.Outcome)
            .ThenBy(c => c.ErrorCode, StringComparer.Ordinal)];
    }

    private static IQueryable<TrialActivationAttempt> InWindow(IPortalDbContext db, DateTimeOffset since, DateTimeOffset until) =>
        db.TrialActivationAttempts.AsNoTracking().Where(a => a.AttemptedAt >= since && a.AttemptedAt < until);
}

/// <summary>How many attempts of a window ended with <paramref name="ErrorCode"/>.</summary>
public sealed record TrialActivationFailureCount(TrialActivationOutcome Outcome, string ErrorCode, int Count);
