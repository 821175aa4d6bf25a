using System.Collections.Concurrent;
using ProfilePortal.Domain.Identity;

namespace ProfilePortal.Components.Account;

/// <summary>
/// Revalidates every signed-in circuit of this server once per <see cref="Interval"/>, in one pass: the circuits'
/// sign-ins are checked against the users' security stamps, a batch of users per query (<see cref="SignInRevalidation"/>),
/// and each circuit whose sign-in was revoked is signed out. The framework's revalidating provider, which this
/// replaces, ran a timer and a database lookup of its own in every circuit (ADR-025). Each server checks its own
/// circuits; a failed check is logged and the circuits stay as they are until the next one.
/// </summary>
internal sealed partial class SignInRevalidator(
        SignInRevalidation revalidation,
        TimeProvider time,
        ILogger<SignInRevalidator> logger)
    : BackgroundService
{
    /// <summary>How long a revoked sign-in can outlive its revocation in an open tab, at most (plus one check).</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(2);

    private readonly ConcurrentDictionary<PortalAuthenticationStateProvider, SignInStamp> _circuits = new();

    /// <summary>The signed-in circuits this server checks.</summary>
    public int Count => _circuits.Count;

    /// <summary>Checks <paramref name="circuit"/> from now on, as holding <paramref name="signIn"/>.</summary>
    public void Track(PortalAuthenticationStateProvider circuit, SignInStamp signIn) => _circuits[circuit] = signIn;

    /// <summary>Stops checking <paramref name="circuit"/> (signed out or closed).</summary>
    public void Forget(PortalAuthenticationStateProvider circuit) => _circuits.TryRemove(circuit, out _);

    /// <summary>One pass over the circuits; returns how many were signed out.</summary>
    public async Task<int> RevalidateAsync(CancellationToken cancellationToken = default)
    {
        var circuits = _circuits.ToArray();
        if (circuits.Length == 0)
        {
            return 0;
        }

        IReadOnlySet<SignInStamp> revoked;
        try
        {
            revoked = await revalidation.FindRevokedAsync(circuits.Select(circuit => circuit.Value).ToHashSet(), cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogCheckFailed(exception, circuits.Length);
            return 0;
        }

        var signedOut = 0;
        foreach (var circuit in circuits)
        {
            // Only while the circuit still holds the sign-in that was checked: it may have changed meanwhile.
            if (revoked.Contains(circuit.Value) && _circuits.TryRemove(circuit))
            {
                try
                {
                    circuit.Key.SignOut();
                    signedOut++;
                }
                catch (Exception exception)
                {
                    // One circuit (closing as it is signed out, say) does not keep the others signed in.
                    LogSignOutFailed(exception);
                }
            }
        }

        if (signedOut > 0)
        {
            LogSignedOut(signedOut, circuits.Length);
        }

        return signedOut;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await RevalidateAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The server is stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Signed out {SignedOut} of {Circuits} signed-in circuits: their sign-ins were revoked")]
    private partial void LogSignedOut(int signedOut, int circuits);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A circuit whose sign-in was revoked could not be signed out")]
    private partial void LogSignOutFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The sign-ins of {Circuits} circuits could not be revalidated; they are checked again at the next pass")]
    private partial void LogCheckFailed(Exception exception, int circuits);
}
