using ProfilePortal.Domain.Common;

namespace ProfilePortal.Domain.Payments;

/// <summary>
/// One amount an organization owes for one thing: a plan's period or a quota pack. Its
/// <see cref="IdempotencyKey"/> is unique, so a period is paid at most once however often a job retries,
/// a customer clicks or a notification is replayed. Attempts at charging it are numbered; an attempt whose
/// outcome is unknown is resent with the same request id, and the provider answers it once.
/// </summary>
public sealed class Payment : IVersioned
{
    public const int DescriptionMaxLength = 200;
    public const int FailureReasonMaxLength = 500;

    private Payment()
    {
    }

    public Guid Id { get; private set; }

    public Guid OrganizationId { get; private set; }

    public Guid? SubscriptionId { get; private set; }

    public PaymentPurpose Purpose { get; private set; }

    /// <summary>The plan a subscription or renewal payment is for.</summary>
    public string? PlanCode { get; private set; }

    /// <summary>The pack a quota-pack payment is for.</summary>
    public string? PackCode { get; private set; }

    /// <summary>The subscription's billing cycle this payment pays for.</summary>
    public int? BillingCycle { get; private set; }

    public decimal Amount { get; private set; }

    public string Currency { get; private set; } = Money.Rub;

    public string Description { get; private set; } = string.Empty;

    public PaymentStatus Status { get; private set; }

    /// <summary>Subscription + period (<c>{subscription}:{cycle}</c>) or the checkout key of a pack; the gateway's invoice id.</summary>
    public string IdempotencyKey { get; private set; } = string.Empty;

    /// <summary>How many attempts were started; the last one is open while the payment is <see cref="PaymentStatus.Pending"/>.</summary>
    public int Attempts { get; private set; }

    public string? Provider { get; private set; }

    public Guid? PaymentMethodId { get; private set; }

    public string? CardMask { get; private set; }

    public string? ProviderTransactionId { get; private set; }

    public string? FailureCode { get; private set; }

    public string? FailureReason { get; private set; }

    public DeclineKind? DeclineKind { get; private set; }

    public decimal RefundedAmount { get; private set; }

    /// <summary>
    /// An upgrade's credit for the unused part of the period paid before, already taken off <see cref="Amount"/>;
    /// zero for every other payment.
    /// </summary>
    public decimal ProrationCredit { get; private set; }

    /// <summary>When an upgrade payment was last priced: it is paid at that price only for a while (ADR-011).</summary>
    public DateTimeOffset? QuotedAt { get; private set; }

    /// <summary>The person who started it; null for the scheduler's renewals.</summary>
    public Guid? InitiatedByUserId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? LastAttemptAt { get; private set; }

    public DateTimeOffset? SucceededAt { get; private set; }

    public Guid Version { get; set; }

    public Money Total => new(Amount, Currency);

    /// <summary>
    /// What the period this payment paid was worth to the customer, for an upgrade's credit: the money kept (charged
    /// less refunds) plus the credit an upgrade payment carried over from the period before.
    /// </summary>
    public Money PaidForPeriod => new(
        Status is PaymentStatus.Succeeded or PaymentStatus.Refunded or PaymentStatus.PartiallyRefunded ? Amount - RefundedAmount + ProrationCredit : 0m,
        Currency);

    /// <summary>The request id of the current attempt, sent as <c>X-Request-ID</c>.</summary>
    public string RequestId => $"{IdempotencyKey}/{Attempts}";

    /// <summary>Whether an attempt was sent and its outcome is not known yet.</summary>
    public bool HasOpenAttempt => Status == PaymentStatus.Pending && Attempts > 0;

    /// <summary>A human-friendly receipt number derived from the id, e.g. <c>R-20261123-0193A5F1</c>.</summary>
    public string ReceiptNumber => $"R-{CreatedAt.UtcDateTime:yyyyMMdd}-{Id.ToString("N")[..8].ToUpperInvariant()}";

    public static Payment ForPeriod(
        Guid organizationId, Guid subscriptionId, int cycle, PaymentPurpose purpose, string planCode, Money amount, string description, Guid? initiatedBy, DateTimeOffset now)
    {
        if (purpose == PaymentPurpose.QuotaPack)
        {
            throw new ArgumentOutOfRangeException(nameof(purpose), "A period is paid by a subscription or a renewal payment.");
        }

        var payment = New(organizationId, purpose, amount, description, Billing.Subscription.PaymentKey(subscriptionId, cycle), initiatedBy, now);
        payment.SubscriptionId = subscriptionId;
        payment.BillingCycle = cycle;
        payment.PlanCode = planCode;
        return payment;
    }

    /// <summary>
    /// An upgrade to <paramref name="planCode"/>: the next cycle's payment, <paramref name="charge"/> being the new
    /// plan's price less <paramref name="credit"/>, priced at <paramref name="now"/>.
    /// </summary>
    public static Payment ForUpgrade(
        Guid organizationId, Guid subscriptionId, int cycle, string planCode, Money charge, Money credit, string description, Guid initiatedBy, DateTimeOffset now)
    {
        var payment = ForPeriod(organizationId, subscriptionId, cycle, PaymentPurpose.Upgrade, planCode, charge, description, initiatedBy, now);
        payment.ProrationCredit = credit.Amount;
        payment.QuotedAt = now;
        return payment;
    }

    /// <summary>
    /// Prices a not-yet-charged upgrade payment again (the customer opened the change again, or chose another plan):
    /// a fresh quote replaces the old one.
    /// </summary>
    public void Requote(string planCode, Money charge, Money credit, string description, DateTimeOffset now)
    {
        if (Purpose != PaymentPurpose.Upgrade)
        {
            throw new InvalidOperationException($"Payment {Id} is not an upgrade.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(charge.Amount);
        Reprice(planCode, charge, description);
        ProrationCredit = credit.Amount;
        QuotedAt = now;
    }

    /// <summary>
    /// An upgrade started but never paid before the period ended: the payment for that cycle becomes the period's
    /// renewal, so the renewal sweep charges the renewal price under the same key.
    /// </summary>
    public void ConvertToRenewal(string planCode, Money amount, string description)
    {
        if (Purpose != PaymentPurpose.Upgrade)
        {
            throw new InvalidOperationException($"Payment {Id} is not an upgrade.");
        }

        Reprice(planCode, amount, description);
        Purpose = PaymentPurpose.Renewal;
        ProrationCredit = 0m;
        QuotedAt = null;
    }

    public static Payment ForPack(Guid organizationId, string packCode, Money amount, string description, string checkoutKey, Guid initiatedBy, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(checkoutKey);
        var payment = New(organizationId, PaymentPurpose.QuotaPack, amount, description, $"pack:{checkoutKey}", initiatedBy, now);
        payment.PackCode = packCode;
        return payment;
    }

    /// <summary>Points a not-yet-charged subscription payment at another plan (the customer changed their mind).</summary>
    public void Reprice(string planCode, Money amount, string description)
    {
        if (Status is PaymentStatus.Succeeded or PaymentStatus.Refunded or PaymentStatus.PartiallyRefunded || HasOpenAttempt)
        {
            throw new InvalidOperationException($"Payment {Id} is being charged or was paid; it cannot change.");
        }

        PlanCode = planCode;
        Amount = amount.Amount;
        Currency = amount.Currency;
        Description = Truncate(description, DescriptionMaxLength);
    }

    /// <summary>
    /// Starts an attempt with the given card, or, while an attempt's outcome is unknown, resends that one with
    /// its own card (a second card now could charge twice). Returns false when the payment is already paid,
    /// so nothing must be sent; the caller charges the card <see cref="PaymentMethodId"/> names.
    /// </summary>
    public bool BeginAttempt(string provider, Guid? paymentMethodId, string cardMask, DateTimeOffset now)
    {
        if (Status is not (PaymentStatus.Pending or PaymentStatus.Failed))
        {
            return false;
        }

        if (!HasOpenAttempt)
        {
            Attempts++;
            Status = PaymentStatus.Pending;
            Provider = provider;
            PaymentMethodId = paymentMethodId;
            CardMask = cardMask;
        }

        LastAttemptAt = now;
        return true;
    }

    /// <summary>
    /// The provider took the money. Idempotent: a replay with the same transaction id changes nothing and
    /// returns false.
    /// </summary>
    public bool Succeed(string transactionId, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(transactionId);
        if (Status is PaymentStatus.Succeeded or PaymentStatus.Refunded or PaymentStatus.PartiallyRefunded)
        {
            return false;
        }

        Status = PaymentStatus.Succeeded;
        ProviderTransactionId = transactionId;
        SucceededAt = now;
        FailureCode = null;
        FailureReason = null;
        DeclineKind = null;
        return true;
    }

    /// <summary>The issuer refused this attempt; a later attempt starts afresh.</summary>
    public void Decline(string code, string reason, DeclineKind kind)
    {
        if (Status != PaymentStatus.Pending)
        {
            return;
        }

        Status = PaymentStatus.Failed;
        FailureCode = code;
        FailureReason = Truncate(reason, FailureReasonMaxLength);
        DeclineKind = kind;
    }

    /// <summary>The provider did not answer: the attempt stays open and is resent with the same request id.</summary>
    public void RecordProviderFailure(string reason)
    {
        FailureCode = "provider_unavailable";
        FailureReason = Truncate(reason, FailureReasonMaxLength);
        DeclineKind = null;
    }

    /// <summary>Money returned; the refundable rest is <see cref="Amount"/> − <see cref="RefundedAmount"/>.</summary>
    public void RecordRefund(decimal amount)
    {
        if (Status is not (PaymentStatus.Succeeded or PaymentStatus.PartiallyRefunded))
        {
            throw new InvalidOperationException($"Payment {Id} was not paid; there is nothing to refund.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(amount, Amount - RefundedAmount);
        RefundedAmount += amount;
        Status = RefundedAmount == Amount ? PaymentStatus.Refunded : PaymentStatus.PartiallyRefunded;
    }

    private static Payment New(Guid organizationId, PaymentPurpose purpose, Money amount, string description, string key, Guid? initiatedBy, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount.Amount);
        return new Payment
        {
            Id = Guid.CreateVersion7(now),
            OrganizationId = organizationId,
            Purpose = purpose,
            Amount = amount.Amount,
            Currency = amount.Currency,
            Description = Truncate(description, DescriptionMaxLength),
            Status = PaymentStatus.Pending,
            IdempotencyKey = key,
            InitiatedByUserId = initiatedBy,
            CreatedAt = now,
        };
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
