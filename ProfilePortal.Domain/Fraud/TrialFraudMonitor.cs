using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Trials;

namespace ProfilePortal.Domain.Fraud;

/// <summary>
/// Antifraud at the start of a trial (seed 002, "trial abuse → alert, manual review"). A trial an admin blocked is
/// refused before the card is checked; any other trial starts, and one that breaks a rule (too many trials from
/// its address within a day, its card on too many accounts) is listed in a signal for the review queue, in the
/// same save as the trial. The rules count rows of the trial ledger over its address and fingerprint indexes.
/// </summary>
public sealed partial class TrialFraudMonitor(IOptions<FraudOptions> options, BillingMetrics metrics, ILogger<TrialFraudMonitor> logger)
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    // Trials of one address or card inspect and save one after another on this node, so the second one sees the
    // first one's signal and joins it. Striped: a fixed number of locks, however many keys there are.
    private readonly StripedLocks _locks = new(64);

    /// <summary>Whether an admin blocked trials for the user or the organization, the address or the card; logs which rule matched.</summary>
    public async Task<bool> IsBlockedAsync(
        IPortalDbContext db, Guid userId, Guid organizationId, string? ipAddress, string? cardFingerprint, CancellationToken cancellationToken = default)
    {
        var account = FraudBlock.AccountValue(userId);
        // As the ledger stores it, so a block made from a signal's address matches.
        var ip = ipAddress is { Length: > Trial.IpAddressMaxLength } ? ipAddress[..Trial.IpAddressMaxLength] : ipAddress;
        var kind = await db.FraudBlocks.AsNoTracking()
            .Where(b => (b.Kind == FraudBlockKind.Account && (b.Value == account || b.OrganizationId == organizationId))
                || (ip != null && b.Kind == FraudBlockKind.Ip && b.Value == ip)
                || (cardFingerprint != null && b.Kind == FraudBlockKind.Card && b.Value == cardFingerprint))
            .Select(b => (FraudBlockKind?)b.Kind)
            .FirstOrDefaultAsync(cancellationToken);
        if (kind is not { } matched)
        {
            return false;
        }

        LogBlocked(logger, userId, matched);
        return true;
    }

    /// <summary>
    /// Checks <paramref name="trial"/> (added to <paramref name="db"/>, not saved yet) against the rules and adds what
    /// it finds to the same context: a new signal, or the trial joining the open one. Save the context, then dispose
    /// the result: until then other trials of the same address or card wait here, and once the save went through it
    /// counts and logs the flags.
    /// </summary>
    public async Task<TrialScreening> InspectAsync(IPortalDbContext db, Trial trial, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var rules = new List<(FraudSignalKind Kind, string Key)>(2);
        if (trial.IpAddress is { Length: > 0 } ip)
        {
            rules.Add((FraudSignalKind.IpVelocity, ip));
        }

        if (trial.CardFingerprint is { Length: > 0 } card)
        {
            rules.Add((FraudSignalKind.SharedCard, card));
        }

        var screening = new TrialScreening(db, trial, metrics, logger, await _locks.EnterAsync([.. rules.Select(r => $"{r.Kind}:{r.Key}")], cancellationToken));
        try
        {
            foreach (var (kind, key) in rules)
            {
                var others = kind == FraudSignalKind.IpVelocity
                    ? await IpWindowAsync(db, trial, key, now, cancellationToken)
                    : await CardAccountsAsync(db, trial, key, cancellationToken);
                if (others is not null)
                {
                    var (signalId, raised) = await FlagAsync(db, kind, key, trial, others, now, cancellationToken);
                    screening.Flagged(kind, signalId, raised);
                }
            }

            return screening;
        }
        catch
        {
            await screening.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The other trials from the address within the 24 hours before, when with this one they are more than the
    /// threshold; otherwise null. After an admin's review of the address the count starts again from the review,
    /// so a dismissed address (an office, a university) is not raised again by the trials it was dismissed for.
    /// </summary>
    private async Task<IQueryable<Trial>?> IpWindowAsync(IPortalDbContext db, Trial trial, string ip, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var since = now - Day;
        var reviewed = await db.FraudSignals.AsNoTracking()
            .Where(s => s.Kind == FraudSignalKind.IpVelocity && s.Key == ip && s.ReviewedAt != null)
            .OrderByDescending(s => s.ReviewedAt)
            .Select(s => s.ReviewedAt)
            .FirstOrDefaultAsync(cancellationToken);
        if (reviewed > since)
        {
            since = reviewed.Value;
        }

        var window = db.Trials.AsNoTracking().Where(t => t.IpAddress == ip && t.StartedAt > since && t.UserId != trial.UserId);
        return await window.CountAsync(cancellationToken) + 1 > options.Value.MaxTrialsPerIpPerDay ? window : null;
    }

    /// <summary>The other accounts' trials with the card, when with this one they are more than the threshold; otherwise null.</summary>
    private async Task<IQueryable<Trial>?> CardAccountsAsync(IPortalDbContext db, Trial trial, string fingerprint, CancellationToken cancellationToken)
    {
        var others = db.Trials.AsNoTracking().Where(t => t.CardFingerprint == fingerprint && t.UserId != trial.UserId);
        var accounts = await others.Select(t => t.UserId).Distinct().CountAsync(cancellationToken);
        return accounts + 1 > options.Value.MaxAccountsPerCard ? others : null;
    }

    /// <summary>Adds the trial, and any of <paramref name="others"/> not listed yet, to the open signal; raises one when there is none.</summary>
    private static async Task<(Guid SignalId, bool Raised)> FlagAsync(
        IPortalDbContext db, FraudSignalKind kind, string key, Trial trial, IQueryable<Trial> others, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var email = await db.Users.Where(u => u.Id == trial.UserId).Select(u => u.Email).FirstOrDefaultAsync(cancellationToken);
        var current = new FraudEvidence(trial.Id, trial.UserId, trial.OrganizationId, email ?? string.Empty, trial.StartedAt);
        var open = await db.FraudSignals.AsNoTracking()
            .Where(s => s.Kind == kind && s.Key == key && s.Status == FraudSignalStatus.Open)
            .Select(s => (Guid?)s.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (open is { } signalId)
        {
            var missing = await Evidence(db, others.Where(t => !db.FraudSignalAccounts.Any(a => a.SignalId == signalId && a.UserId == t.UserId)))
                .ToListAsync(cancellationToken);
            foreach (var evidence in missing.Append(current))
            {
                db.FraudSignalAccounts.Add(FraudSignalAccount.Of(signalId, evidence));
            }

            return (signalId, false);
        }

        var signal = FraudSignal.Raise(kind, key, [.. await Evidence(db, others).ToListAsync(cancellationToken), current], now);
        db.FraudSignals.Add(signal);
        return (signal.Id, true);
    }

    private static IQueryable<FraudEvidence> Evidence(IPortalDbContext db, IQueryable<Trial> trials) =>
        trials.Select(t => new FraudEvidence(
            t.Id, t.UserId, t.OrganizationId, db.Users.Where(u => u.Id == t.UserId).Select(u => u.Email).FirstOrDefault() ?? string.Empty, t.StartedAt));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trial refused for user {UserId}: an admin blocked trials by {Kind}")]
    private static partial void LogBlocked(ILogger logger, Guid userId, FraudBlockKind kind);
}
