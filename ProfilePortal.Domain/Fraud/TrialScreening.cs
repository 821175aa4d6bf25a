using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Trials;

namespace ProfilePortal.Domain.Fraud;

/// <summary>
/// What <see cref="TrialFraudMonitor.InspectAsync"/> found for one trial, holding the trial's address and card
/// until it is disposed: dispose it after the save. Counted and logged only once the trial is saved, so a start
/// refused at the save (a second click) counts nothing.
/// </summary>
public sealed partial class TrialScreening : IAsyncDisposable
{
    private readonly IPortalDbContext _db;
    private readonly Trial _trial;
    private readonly BillingMetrics _metrics;
    private readonly ILogger _logger;
    private readonly List<(FraudSignalKind Kind, Guid SignalId, bool Raised)> _flags = [];
    private IDisposable? _locks;

    internal TrialScreening(IPortalDbContext db, Trial trial, BillingMetrics metrics, ILogger logger, IDisposable locks)
    {
        _db = db;
        _trial = trial;
        _metrics = metrics;
        _logger = logger;
        _locks = locks;
    }

    /// <summary>The rules the trial broke, each with the signal it raised or joined.</summary>
    public IReadOnlyList<(FraudSignalKind Kind, Guid SignalId, bool Raised)> Flags => _flags;

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _locks, null) is not { } locks)
        {
            return ValueTask.CompletedTask;
        }

        locks.Dispose();
        // Added before the save, unchanged after it: the trial, and the signal with it, is stored.
        if (_flags.Count > 0 && _db.Trials.Entry(_trial).State == EntityState.Unchanged)
        {
            foreach (var (kind, signalId, raised) in _flags)
            {
                _metrics.TrialFraudSignal(kind == FraudSignalKind.IpVelocity ? "ip_velocity" : "shared_card", raised);
                LogFlagged(_logger, _trial.Id, _trial.UserId, kind, signalId, raised);
            }
        }

        return ValueTask.CompletedTask;
    }

    internal void Flagged(FraudSignalKind kind, Guid signalId, bool raised) => _flags.Add((kind, signalId, raised));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trial {TrialId} of user {UserId} broke the {Kind} rule: fraud signal {SignalId} (new: {Raised})")]
    private static partial void LogFlagged(ILogger logger, Guid trialId, Guid userId, FraudSignalKind kind, Guid signalId, bool raised);
}
