using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ProfilePortal.Domain.Audit;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Identity;

namespace ProfilePortal.Domain.Fraud;

/// <summary>
/// The admins' fraud review queue: the signals (open first), dismissing one with a note, blocking further trials
/// for its address, card or accounts, and lifting a block. Admins only, checked in the database on every call;
/// every change is audited in the same save.
/// </summary>
public sealed partial class FraudReviewService(IPortalDbContextFactory dbFactory, TimeProvider clock, ILogger<FraudReviewService> logger)
{
    public const int MaxPageSize = 100;

    /// <summary>A page of signals: open ones first, then the most recently active.</summary>
    public async Task<Result<FraudPage<FraudSignalView>>> GetSignalsAsync(Guid adminId, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (await SiteAdmins.RefuseNonAdminAsync(db, adminId, logger, "list fraud signals", cancellationToken) is { } denied)
        {
            return denied;
        }

        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        var total = await db.FraudSignals.CountAsync(cancellationToken);
        var rows = await db.FraudSignals.AsNoTracking()
            .OrderBy(s => s.Status == FraudSignalStatus.Open ? 0 : 1)
            .ThenByDescending(s => s.Accounts.OrderByDescending(a => a.StartedAt).Select(a => a.StartedAt).FirstOrDefault())
            .ThenByDescending(s => s.Id)
            .Skip(Math.Max(page, 0) * pageSize)
            .Take(pageSize)
            .Select(s => new
            {
                s.Id,
                s.Kind,
                s.Key,
                s.Status,
                s.RaisedAt,
                s.FirstSeenAt,
                s.ReviewedAt,
                s.Note,
                ReviewedBy = db.Users.Where(u => u.Id == s.ReviewedByUserId).Select(u => u.Email).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);

        var ids = rows.Select(r => r.Id).ToList();
        var accounts = (await db.FraudSignalAccounts.AsNoTracking()
                .Where(a => ids.Contains(a.SignalId))
                .OrderBy(a => a.StartedAt)
                .ToListAsync(cancellationToken))
            .ToLookup(a => a.SignalId);
        var values = rows.Select(r => r.Key).Concat(accounts.SelectMany(g => g).Select(a => FraudBlock.AccountValue(a.UserId))).Distinct().ToList();
        var blocked = (await db.FraudBlocks.AsNoTracking()
                .Where(b => values.Contains(b.Value))
                .Select(b => new { b.Kind, b.Value })
                .ToListAsync(cancellationToken))
            .Select(b => (b.Kind, b.Value))
            .ToHashSet();
        var cards = await CardLabelsAsync(db, rows.Where(r => r.Kind == FraudSignalKind.SharedCard).Select(r => r.Key).ToList(), cancellationToken);

        var items = rows.Select(r =>
        {
            var listed = accounts[r.Id]
                .Select(a => new FraudAccountView(a.UserId, a.OrganizationId, a.Email, a.StartedAt, blocked.Contains((FraudBlockKind.Account, FraudBlock.AccountValue(a.UserId)))))
                .ToList();
            return new FraudSignalView(
                r.Id, r.Kind, r.Key, cards.GetValueOrDefault(r.Key), r.Status, r.RaisedAt, r.FirstSeenAt,
                listed.Count > 0 ? listed.Max(a => a.StartedAt) : r.FirstSeenAt,
                listed,
                blocked.Contains((KeyBlockKind(r.Kind), r.Key)),
                r.ReviewedBy,
                r.ReviewedAt,
                r.Note);
        }).ToList();
        return new FraudPage<FraudSignalView>(items, total);
    }

    /// <summary>A page of blocks, newest first.</summary>
    public async Task<Result<FraudPage<FraudBlockView>>> GetBlocksAsync(Guid adminId, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (await SiteAdmins.RefuseNonAdminAsync(db, adminId, logger, "list fraud blocks", cancellationToken) is { } denied)
        {
            return denied;
        }

        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        var total = await db.FraudBlocks.CountAsync(cancellationToken);
        var items = await db.FraudBlocks.AsNoTracking()
            .OrderByDescending(b => b.CreatedAt)
            .ThenByDescending(b => b.Id)
            .Skip(Math.Max(page, 0) * pageSize)
            .Take(pageSize)
            .Select(b => new FraudBlockView(
                b.Id,
                b.Kind,
                b.Value,
                b.Label,
                b.Reason,
                db.FraudSignals.Where(s => s.Id == b.SignalId).Select(s => (FraudSignalKind?)s.Kind).FirstOrDefault(),
                db.Users.Where(u => u.Id == b.CreatedByUserId).Select(u => u.Email).FirstOrDefault(),
                b.CreatedAt))
            .ToListAsync(cancellationToken);
        return new FraudPage<FraudBlockView>(items, total);
    }

    /// <summary>Closes an open signal as a false alarm; <paramref name="note"/> says why.</summary>
    public async Task<Result> DismissAsync(Guid adminId, Guid signalId, string? note, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(note))
        {
            return FraudErrors.NoteRequired;
        }

        if (note.Trim().Length > FraudSignal.NoteMaxLength)
        {
            return FraudErrors.NoteTooLong;
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (await SiteAdmins.RefuseNonAdminAsync(db, adminId, logger, "dismiss a fraud signal", cancellationToken) is { } denied)
        {
            return denied;
        }

        var signal = await db.FraudSignals.FirstOrDefaultAsync(s => s.Id == signalId, cancellationToken);
        if (signal is null)
        {
            return FraudErrors.SignalNotFound;
        }

        if (!signal.IsOpen)
        {
            return FraudErrors.AlreadyReviewed;
        }

        var now = clock.GetUtcNow();
        signal.Dismiss(adminId, note, now);
        db.AuditEntries.Add(AuditEntry.Record(
            adminId, "fraud_signal.dismissed", "fraud_signal", signal.Id.ToString(), null,
            FieldChange.Describe([new("Status", nameof(FraudSignalStatus.Open), signal.Status.ToString()), new("Note", null, signal.Note)]), now));
        if (await SaveAsync(db, cancellationToken) is { } conflict)
        {
            return conflict;
        }

        LogReviewed(logger, adminId, signal.Id, signal.Status);
        return Result.Success();
    }

    /// <summary>
    /// Blocks further trials for what <paramref name="request"/> chooses among the signal's address or card and its
    /// accounts, and marks the signal blocked. What is blocked already stays as it is. Returns how many blocks were added.
    /// </summary>
    public async Task<Result<int>> BlockAsync(Guid adminId, Guid signalId, FraudBlockRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Note?.Trim().Length > FraudBlock.ReasonMaxLength)
        {
            return FraudErrors.NoteTooLong;
        }

        if (!request.Key && request.Accounts.Count == 0)
        {
            return FraudErrors.NothingChosen;
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (await SiteAdmins.RefuseNonAdminAsync(db, adminId, logger, "block from a fraud signal", cancellationToken) is { } denied)
        {
            return denied;
        }

        var signal = await db.FraudSignals.FirstOrDefaultAsync(s => s.Id == signalId, cancellationToken);
        if (signal is null)
        {
            return FraudErrors.SignalNotFound;
        }

        var listed = await db.FraudSignalAccounts.AsNoTracking().Where(a => a.SignalId == signalId).ToDictionaryAsync(a => a.UserId, cancellationToken);
        if (request.Accounts.Any(id => !listed.ContainsKey(id)))
        {
            return FraudErrors.UnknownAccount;
        }

        var now = clock.GetUtcNow();
        var wanted = new List<FraudBlock>();
        if (request.Key)
        {
            var label = signal.Kind == FraudSignalKind.SharedCard
                ? (await CardLabelsAsync(db, [signal.Key], cancellationToken)).GetValueOrDefault(signal.Key)
                : null;
            wanted.Add(FraudBlock.Key(KeyBlockKind(signal.Kind), signal.Key, label, request.Note, signal.Id, adminId, now));
        }

        wanted.AddRange(request.Accounts.Distinct().Select(id => FraudBlock.Account(id, listed[id].OrganizationId, listed[id].Email, request.Note, signal.Id, adminId, now)));
        var values = wanted.Select(w => w.Value).ToList();
        var existing = (await db.FraudBlocks.AsNoTracking().Where(b => values.Contains(b.Value)).Select(b => new { b.Kind, b.Value }).ToListAsync(cancellationToken))
            .Select(b => (b.Kind, b.Value))
            .ToHashSet();

        var before = signal.Status;
        var added = wanted.Where(w => !existing.Contains((w.Kind, w.Value))).ToList();
        foreach (var block in added)
        {
            db.FraudBlocks.Add(block);
            db.AuditEntries.Add(AuditEntry.Record(
                adminId, "fraud_block.created", "fraud_block", block.Id.ToString(), block.OrganizationId,
                FieldChange.Describe([new("Kind", null, block.Kind.ToString()), new("Value", null, block.Value), new("Signal", null, signal.Id.ToString()), new("Reason", null, block.Reason)]),
                now));
        }

        signal.Block(adminId, request.Note, now);
        db.AuditEntries.Add(AuditEntry.Record(
            adminId, "fraud_signal.blocked", "fraud_signal", signal.Id.ToString(), null,
            FieldChange.Describe([
                new("Status", before.ToString(), signal.Status.ToString()),
                new("Blocked", null, string.Join(", ", wanted.Select(w => $"{w.Kind} {w.Value}"))),
                new("Note", null, request.Note?.Trim()),
            ]),
            now));
        if (await SaveAsync(db, cancellationToken) is { } conflict)
        {
            return conflict;
        }

        LogReviewed(logger, adminId, signal.Id, signal.Status);
        return added.Count;
    }

    /// <summary>Lifts a block: trials for its address, card or account are no longer refused.</summary>
    public async Task<Result> UnblockAsync(Guid adminId, Guid blockId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (await SiteAdmins.RefuseNonAdminAsync(db, adminId, logger, "lift a fraud block", cancellationToken) is { } denied)
        {
            return denied;
        }

        var block = await db.FraudBlocks.FirstOrDefaultAsync(b => b.Id == blockId, cancellationToken);
        if (block is null)
        {
            return FraudErrors.BlockNotFound;
        }

        var now = clock.GetUtcNow();
        db.FraudBlocks.Remove(block);
        db.AuditEntries.Add(AuditEntry.Record(
            adminId, "fraud_block.removed", "fraud_block", block.Id.ToString(), block.OrganizationId,
            FieldChange.Describe([new("Kind", block.Kind.ToString(), null), new("Value", block.Value, null)]), now));
        if (await SaveAsync(db, cancellationToken) is { } conflict)
        {
            // Another admin lifted it first.
            return conflict == FraudErrors.Changed ? FraudErrors.BlockNotFound : conflict;
        }

        LogUnblocked(logger, adminId, block.Id, block.Kind);
        return Result.Success();
    }

    private static FraudBlockKind KeyBlockKind(FraudSignalKind kind) => kind switch
    {
        FraudSignalKind.IpVelocity => FraudBlockKind.Ip,
        FraudSignalKind.SharedCard => FraudBlockKind.Card,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown signal kind."),
    };

    /// <summary>"Visa •••• 4242" for the fingerprints a saved card has, newest card first.</summary>
    private static async Task<Dictionary<string, string>> CardLabelsAsync(IPortalDbContext db, List<string> fingerprints, CancellationToken cancellationToken)
    {
        if (fingerprints.Count == 0)
        {
            return [];
        }

        var cards = await db.PaymentMethods.AsNoTracking()
            .Where(m => m.Fingerprint != null && fingerprints.Contains(m.Fingerprint))
            .OrderByDescending(m => m.AddedAt)
            .Select(m => new { m.Fingerprint, m.Brand, m.Last4 })
            .ToListAsync(cancellationToken);
        return cards.DistinctBy(c => c.Fingerprint).ToDictionary(c => c.Fingerprint!, c => $"{c.Brand} •••• {c.Last4}");
    }

    /// <summary>Saves; another admin's review or block in between is a conflict, not a failure.</summary>
    private static async Task<Error?> SaveAsync(IPortalDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateException)
        {
            // The signal's version moved, the block was already lifted, or the same block was added meanwhile.
            return FraudErrors.Changed;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin {AdminId} reviewed fraud signal {SignalId}: {Status}")]
    private static partial void LogReviewed(ILogger logger, Guid adminId, Guid signalId, FraudSignalStatus status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin {AdminId} lifted fraud block {BlockId} ({Kind})")]
    private static partial void LogUnblocked(ILogger logger, Guid adminId, Guid blockId, FraudBlockKind kind);
}
