using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using ProfilePortal.Domain.Payments;

namespace ProfilePortal.Infrastructure.Payments.Sandbox;

/// <summary>
/// The embedded default gateway: no network, deterministic. A charge's outcome follows the test card in its
/// token (<see cref="SandboxCards"/>); the card's expiry is checked at charge time. Idempotent per request id
/// like a real provider: a resent request gets the first answer and is not charged again. The ledger lives in
/// memory, so a restart forgets it; transaction ids derive from the request id, so they stay the same.
/// </summary>
public sealed class SandboxGateway(TimeProvider clock) : IPaymentGateway
{
    public const string ProviderName = "sandbox";

    private readonly ConcurrentDictionary<string, ChargeOutcome> _answers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _sends = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SandboxCharge> _charges = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RefundOutcome> _refunds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _voids = new(StringComparer.Ordinal);

    public string Provider => ProviderName;

    /// <summary>Whether <paramref name="gateway"/> is the sandbox, whose cards are typed into the portal's own form.</summary>
    public static bool Is(IPaymentGateway gateway)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        return gateway.Provider == ProviderName;
    }

    /// <summary>Money taken so far, one entry per charged request; for tests and the sandbox's own checks.</summary>
    public IReadOnlyCollection<SandboxCharge> Charges => [.. _charges.Values];

    /// <summary>
    /// The transaction ids voided so far. The sandbox takes cards in the portal's own form and never authorises a
    /// card binding's check, so this stays empty in the app; it is kept so that a void is answered like a provider's.
    /// </summary>
    public IReadOnlyCollection<string> Voids => [.. _voids.Values];

    public Task<ChargeOutcome> ChargeAsync(ChargeRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var sends = _sends.AddOrUpdate(request.RequestId, 1, (_, n) => n + 1);
        if (_answers.TryGetValue(request.RequestId, out var answered))
        {
            return Task.FromResult(answered);
        }

        var outcome = Decide(request, sends);
        if (outcome is ChargeOutcome.Failed)
        {
            // No answer was given: the request may be resent and decided then.
            return Task.FromResult(outcome);
        }

        outcome = _answers.GetOrAdd(request.RequestId, outcome);
        if (outcome is ChargeOutcome.Succeeded succeeded)
        {
            _charges.TryAdd(request.RequestId, new SandboxCharge(succeeded.TransactionId, request.InvoiceId, request.Amount.Amount, request.Amount.Currency, request.Initiator));
        }

        return Task.FromResult(outcome);
    }

    public Task<RefundOutcome> RefundAsync(RefundRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.FromResult(_refunds.GetOrAdd(request.RequestId, _ =>
            request.Amount.Amount <= 0
                ? new RefundOutcome.Failed("Invalid Amount value")
                : new RefundOutcome.Succeeded("sbx_rf_" + Hash(request.RequestId))));
    }

    /// <summary>Declines as a charge of the same test card would; takes nothing (the hold is voided at once).</summary>
    public Task<ChargeOutcome> VerifyCardAsync(CardVerificationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var sends = _sends.AddOrUpdate(request.RequestId, 1, (_, n) => n + 1);
        var asCharge = new ChargeRequest(
            request.CardToken, CardVerificationRequest.HoldAmount, request.RequestId, request.RequestId, request.AccountId, "Card check", request.Email,
            ChargeInitiator.Customer, request.IpAddress);
        var outcome = Decide(asCharge, sends);
        return Task.FromResult(outcome is ChargeOutcome.Failed ? outcome : _answers.GetOrAdd(request.RequestId, outcome));
    }

    public Task<VoidOutcome> VoidAsync(VoidRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        _voids.TryAdd(request.RequestId, request.TransactionId);
        return Task.FromResult<VoidOutcome>(new VoidOutcome.Succeeded());
    }

    private ChargeOutcome Decide(ChargeRequest request, int sends)
    {
        if (request.Amount.Amount <= 0)
        {
            return new ChargeOutcome.Declined("invalid_amount", "Invalid Amount value", DeclineKind.Hard);
        }

        if (SandboxCards.Parse(request.CardToken) is not { } card)
        {
            return new ChargeOutcome.Declined("5014", "Invalid card token", DeclineKind.Hard);
        }

        if (new CardDetails(request.CardToken, string.Empty, card.Last4, card.ExpiryMonth, card.ExpiryYear, null).IsExpiredAt(clock.GetUtcNow()))
        {
            return new ChargeOutcome.Declined("5054", "Expired card", DeclineKind.Hard);
        }

        return card.Behavior switch
        {
            SandboxBehavior.InsufficientFunds => new ChargeOutcome.Declined("5051", "Insufficient funds", DeclineKind.Soft),
            SandboxBehavior.ExpiredCard => new ChargeOutcome.Declined("5054", "Expired card", DeclineKind.Hard),
            SandboxBehavior.DoNotHonor => new ChargeOutcome.Declined("5005", "Do not honor", DeclineKind.Soft),
            SandboxBehavior.FailsOnce when sends == 1 => new ChargeOutcome.Failed("Sandbox: the provider did not answer (test card 4000 0000 0000 0119)"),
            _ => new ChargeOutcome.Succeeded("sbx_" + Hash(request.RequestId)),
        };
    }

    private static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..20];
}

/// <summary>One charge the sandbox took.</summary>
public sealed record SandboxCharge(string TransactionId, string InvoiceId, decimal Amount, string Currency, ChargeInitiator Initiator);
