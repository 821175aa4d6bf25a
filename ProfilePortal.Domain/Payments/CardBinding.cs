using ProfilePortal.Domain.Common;

namespace ProfilePortal.Domain.Payments;

/// <summary>Where a card binding stands.</summary>
public enum CardBindingStatus
{
    /// <summary>Started; the customer is in the provider's widget, or a declined try may be followed by another.</summary>
    Pending = 0,

    /// <summary>The provider authorised the check and sent the card token: the card is the organization's card.</summary>
    Bound = 1,

    /// <summary>The issuer declined the check, or the provider sent no token; nothing was saved.</summary>
    Failed = 2,
}

/// <summary>
/// Adds a card with a provider whose cards are only entered in its own widget (CloudPayments), without paying
/// anything: the widget authorises <see cref="HoldAmount"/> (two-stage, nothing is charged), the provider's Pay
/// notification carries the card token, and the hold is voided at once. The binding is the invoice of that
/// authorisation: <see cref="InvoiceId"/> (<c>card:{id}</c>) is unique, so the notifications find it and a
/// replay finds it already bound. The void goes out right after the notification is saved; one that does not
/// get through is due again at <see cref="NextVoidAttemptAt"/>, for the sweep, until the provider confirms it.
/// </summary>
public sealed class CardBinding : IVersioned
{
    public const string InvoicePrefix = "card:";
    public const int FailureReasonMaxLength = 500;

    /// <summary>What the check holds on the card: the smallest amount in roubles.</summary>
    public static readonly Money HoldAmount = Money.Rubles(1.00m);

    // A void the provider did not answer is resent after 1, 2, 4 … minutes, at most an hour apart.
    private static readonly TimeSpan FirstVoidRetry = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan LastVoidRetry = TimeSpan.FromHours(1);

    private CardBinding()
    {
    }

    public Guid Id { get; private set; }

    public Guid OrganizationId { get; private set; }

    public Guid InitiatedByUserId { get; private set; }

    /// <summary>The provider's invoice id of the check, <c>card:{id as 32 hex digits}</c>.</summary>
    public string InvoiceId { get; private set; } = string.Empty;

    public decimal Amount { get; private set; }

    public string Currency { get; private set; } = Money.Rub;

    public CardBindingStatus Status { get; private set; }

    /// <summary>The provider's transaction of the authorisation that holds <see cref="Amount"/>; what the void releases.</summary>
    public string? ProviderTransactionId { get; private set; }

    /// <summary>The card this binding saved.</summary>
    public Guid? PaymentMethodId { get; private set; }

    public string? FailureCode { get; private set; }

    public string? FailureReason { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When it became <see cref="CardBindingStatus.Bound"/> or <see cref="CardBindingStatus.Failed"/>.</summary>
    public DateTimeOffset? CompletedAt { get; private set; }

    /// <summary>When the provider confirmed that the hold was released.</summary>
    public DateTimeOffset? VoidedAt { get; private set; }

    /// <summary>Voids sent without the provider's confirmation so far.</summary>
    public int VoidAttempts { get; private set; }

    /// <summary>When the sweep sends the void (again); null once released, or once the provider refused it for good.</summary>
    public DateTimeOffset? NextVoidAttemptAt { get; private set; }

    /// <summary>Why the last void did not release the hold, for support.</summary>
    public string? VoidFailureReason { get; private set; }

    public Guid Version { get; set; }

    public Money Hold => new(Amount, Currency);

    /// <summary>The <c>X-Request-ID</c> of the void: one per binding, so a resent void is processed once.</summary>
    public string VoidRequestId => $"{InvoiceId}/void";

    /// <summary>Whether money is held on the card and the provider has not confirmed its release yet.</summary>
    public bool HoldsMoney => ProviderTransactionId is not null && VoidedAt is null;

    /// <summary>Whether <paramref name="invoiceId"/> names a card binding rather than a payment.</summary>
    public static bool IsBindingInvoice(string? invoiceId) =>
        invoiceId is not null && invoiceId.StartsWith(InvoicePrefix, StringComparison.Ordinal);

    public static CardBinding Start(Guid organizationId, Guid initiatedBy, DateTimeOffset now)
    {
        var id = Guid.CreateVersion7(now);
        return new CardBinding
        {
            Id = id,
            OrganizationId = organizationId,
            InitiatedByUserId = initiatedBy,
            InvoiceId = InvoicePrefix + id.ToString("N"),
            Amount = HoldAmount.Amount,
            Currency = HoldAmount.Currency,
            Status = CardBindingStatus.Pending,
            CreatedAt = now,
        };
    }

    /// <summary>
    /// Whether the provider may authorise the check now. A declined try may be followed by another card in the
    /// same widget, so a failed binding is open again; a bound one is not.
    /// </summary>
    public bool AcceptCheck()
    {
        if (Status == CardBindingStatus.Bound)
        {
            return false;
        }

        Status = CardBindingStatus.Pending;
        FailureCode = null;
        FailureReason = null;
        return true;
    }

    /// <summary>
    /// The authorisation succeeded and <paramref name="paymentMethodId"/> holds its card. The caller voids the
    /// hold once this is saved; the sweep's turn comes a minute later, should that void not get through.
    /// </summary>
    public void Bind(string transactionId, Guid paymentMethodId, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(transactionId);
        if (Status == CardBindingStatus.Bound)
        {
            throw new InvalidOperationException($"Card binding {Id} is already bound.");
        }

        Status = CardBindingStatus.Bound;
        PaymentMethodId = paymentMethodId;
        FailureCode = null;
        FailureReason = null;
        CompletedAt = now;
        HoldTaken(transactionId, now);
    }

    /// <summary>
    /// The authorisation succeeded without a card token: nothing can be saved, but the money is held, so the
    /// hold is due for a void like a bound one's.
    /// </summary>
    public void FailWithHold(string transactionId, string reason, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(transactionId);
        Fail("no_token", reason, now);
        HoldTaken(transactionId, now);
    }

    /// <summary>The issuer declined the check. A binding already bound stays bound (a late Fail of an earlier try).</summary>
    public bool Decline(string code, string reason, DateTimeOffset now)
    {
        if (Status == CardBindingStatus.Bound)
        {
            return false;
        }

        Fail(code, reason, now);
        return true;
    }

    /// <summary>The provider confirmed the void: the held money is back on the card.</summary>
    public void Voided(DateTimeOffset now)
    {
        VoidedAt ??= now;
        NextVoidAttemptAt = null;
        VoidFailureReason = null;
    }

    /// <summary>The provider did not answer the void: it is resent later, each time a little later.</summary>
    public void VoidPostponed(string reason, DateTimeOffset now)
    {
        VoidAttempts++;
        VoidFailureReason = Truncate(reason, FailureReasonMaxLength);
        var delay = FirstVoidRetry * Math.Pow(2, Math.Min(VoidAttempts - 1, 10));
        NextVoidAttemptAt = now + (delay < LastVoidRetry ? delay : LastVoidRetry);
    }

    /// <summary>
    /// The provider answered the void with a refusal. It replays that answer to the same request id, so the void
    /// is not sent again; support releases the hold in the provider's cabinet (or it lapses at the issuer).
    /// </summary>
    public void VoidRefused(string reason)
    {
        VoidAttempts++;
        VoidFailureReason = Truncate(reason, FailureReasonMaxLength);
        NextVoidAttemptAt = null;
    }

    private void HoldTaken(string transactionId, DateTimeOffset now)
    {
        ProviderTransactionId = transactionId;
        NextVoidAttemptAt = now + FirstVoidRetry;
    }

    private void Fail(string code, string reason, DateTimeOffset now)
    {
        Status = CardBindingStatus.Failed;
        FailureCode = Truncate(code, 32);
        FailureReason = Truncate(reason, FailureReasonMaxLength);
        CompletedAt = now;
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
