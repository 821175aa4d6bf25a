using ProfilePortal.Domain.Payments;

namespace ProfilePortal.Infrastructure.Payments.CloudPayments;

/// <summary>
/// What Check, Pay and Fail notifications share: the transaction and the card, as the provider reports them.
/// Optional fields are null when the provider leaves them out.
/// </summary>
public abstract record CloudPaymentsTransactionNotification
{
    public required long TransactionId { get; init; }

    public required decimal Amount { get; init; }

    public required string Currency { get; init; }

    /// <summary>When the payment was created, UTC.</summary>
    public DateTimeOffset? DateTime { get; init; }

    public string? CardFirstSix { get; init; }

    public string? CardLastFour { get; init; }

    /// <summary>"Visa", "Mastercard", "MIR" … as the provider names it.</summary>
    public string? CardType { get; init; }

    public CloudPaymentsCardExpiry? CardExpDate { get; init; }

    /// <summary>Our idempotency key of the payment, as the widget or the charge sent it.</summary>
    public string? InvoiceId { get; init; }

    public string? AccountId { get; init; }

    public string? SubscriptionId { get; init; }

    public string? Email { get; init; }

    /// <summary>The payer's address as the provider saw it: an antifraud signal.</summary>
    public string? IpAddress { get; init; }

    /// <summary>A stable id of the card across tokens (provider changelog 3.6.3): a card fingerprint.</summary>
    public string? CardId { get; init; }

    /// <summary>"Completed" (one-stage) or "Authorized" (two-stage) on Pay; the last state on Check and Fail.</summary>
    public string? Status { get; init; }

    /// <summary>"Payment", "Refund" or "CardPayout".</summary>
    public string? OperationType { get; init; }

    public string? Description { get; init; }

    /// <summary>The merchant's own JSON the payment carried (<c>Data</c>), raw.</summary>
    public string? Data { get; init; }

    public bool TestMode { get; init; }

    // The common fields are read after the required ones, so problems are reported in the provider's order.
    internal static T Read<T>(CloudPaymentsFields fields, T notification)
        where T : CloudPaymentsTransactionNotification
    {
        CloudPaymentsTransactionNotification common = notification;
        return (T)(common with
        {
            DateTime = fields.Instant("DateTime"),
            CardFirstSix = fields.Text("CardFirstSix"),
            CardLastFour = fields.Text("CardLastFour"),
            CardType = fields.Text("CardType"),
            CardExpDate = fields.Expiry("CardExpDate"),
            InvoiceId = fields.Text("InvoiceId"),
            AccountId = fields.Text("AccountId"),
            SubscriptionId = fields.Text("SubscriptionId"),
            Email = fields.Text("Email"),
            IpAddress = fields.Text("IpAddress"),
            CardId = fields.Text("CardId"),
            Status = fields.Text("Status"),
            OperationType = fields.Text("OperationType"),
            Description = fields.Text("Description"),
            Data = fields.Text("Data") ?? fields.Text("JsonData"),
            TestMode = fields.Bool("TestMode"),
        });
    }
}

/// <summary>Check: the cardholder pressed "Pay"; the reply accepts (<c>{"code":0}</c>) or rejects the payment.</summary>
public sealed record CloudPaymentsCheckNotification : CloudPaymentsTransactionNotification
{
    internal static CloudPaymentsCheckNotification Read(CloudPaymentsFields fields) => Read(fields, new CloudPaymentsCheckNotification
    {
        TransactionId = fields.RequiredLong("TransactionId"),
        Amount = fields.RequiredDecimal("Amount"),
        Currency = fields.RequiredText("Currency"),
    });
}

/// <summary>Pay: the payment went through. Carries the card <see cref="Token"/> when the card can be charged again.</summary>
public sealed record CloudPaymentsPayNotification : CloudPaymentsTransactionNotification
{
    public string? Token { get; init; }

    /// <summary>The card to save for later charges; null when the notification carries no token or no expiry.</summary>
    public CardDetails? ToCardDetails() =>
        Token is { } token && CardExpDate is { } expiry
            ? new CardDetails(token, CardType ?? string.Empty, CardLastFour ?? string.Empty, expiry.Month, expiry.Year, CardId)
            : null;

    internal static CloudPaymentsPayNotification Read(CloudPaymentsFields fields) => Read(fields, new CloudPaymentsPayNotification
    {
        TransactionId = fields.RequiredLong("TransactionId"),
        Amount = fields.RequiredDecimal("Amount"),
        Currency = fields.RequiredText("Currency"),
        Token = fields.Text("Token"),
    });
}

/// <summary>Fail: the payment was declined. Not final: the customer may try again with the same invoice.</summary>
public sealed record CloudPaymentsFailNotification : CloudPaymentsTransactionNotification
{
    public string? Reason { get; init; }

    /// <summary>See <see cref="CloudPaymentsReasonCodes"/>.</summary>
    public int? ReasonCode { get; init; }

    internal static CloudPaymentsFailNotification Read(CloudPaymentsFields fields) => Read(fields, new CloudPaymentsFailNotification
    {
        TransactionId = fields.RequiredLong("TransactionId"),
        Amount = fields.RequiredDecimal("Amount"),
        Currency = fields.RequiredText("Currency"),
        Reason = fields.Text("Reason"),
        ReasonCode = fields.Int("ReasonCode"),
    });
}

/// <summary>Refund: money of <see cref="PaymentTransactionId"/> went back; <see cref="TransactionId"/> is the refund's own.</summary>
public sealed record CloudPaymentsRefundNotification
{
    public required long TransactionId { get; init; }

    public required long PaymentTransactionId { get; init; }

    public required decimal Amount { get; init; }

    public DateTimeOffset? DateTime { get; init; }

    public string? InvoiceId { get; init; }

    public string? AccountId { get; init; }

    public string? Email { get; init; }

    public string? Data { get; init; }

    internal static CloudPaymentsRefundNotification Read(CloudPaymentsFields fields) => new()
    {
        TransactionId = fields.RequiredLong("TransactionId"),
        PaymentTransactionId = fields.RequiredLong("PaymentTransactionId"),
        Amount = fields.RequiredDecimal("Amount"),
        DateTime = fields.Instant("DateTime"),
        InvoiceId = fields.Text("InvoiceId"),
        AccountId = fields.Text("AccountId"),
        Email = fields.Text("Email"),
        Data = fields.Text("Data"),
    };
}

/// <summary>
/// Recurrent: a provider-side subscription changed status. The portal schedules its own charges, so this only
/// matters for subscriptions created at the provider; a cancellation arrives here with <c>Status=Cancelled</c>.
/// </summary>
public sealed record CloudPaymentsRecurrentNotification
{
    /// <summary>The subscription's id ("sc_…").</summary>
    public required string Id { get; init; }

    /// <summary>"Active", "PastDue", "Cancelled", "Rejected" or "Expired".</summary>
    public required string Status { get; init; }

    public string? AccountId { get; init; }

    public string? Description { get; init; }

    public string? Email { get; init; }

    public decimal? Amount { get; init; }

    public string? Currency { get; init; }

    public bool RequireConfirmation { get; init; }

    public DateTimeOffset? StartDate { get; init; }

    /// <summary>"Day", "Week" or "Month".</summary>
    public string? Interval { get; init; }

    public int? Period { get; init; }

    public int? MaxPeriods { get; init; }

    public int? SuccessfulTransactionsNumber { get; init; }

    public int? FailedTransactionsNumber { get; init; }

    public DateTimeOffset? LastTransactionDate { get; init; }

    public DateTimeOffset? NextTransactionDate { get; init; }

    internal static CloudPaymentsRecurrentNotification Read(CloudPaymentsFields fields) => new()
    {
        Id = fields.RequiredText("Id"),
        Status = fields.RequiredText("Status"),
        AccountId = fields.Text("AccountId"),
        Description = fields.Text("Description"),
        Email = fields.Text("Email"),
        Amount = fields.Decimal("Amount"),
        Currency = fields.Text("Currency"),
        RequireConfirmation = fields.Bool("RequireConfirmation"),
        StartDate = fields.Instant("StartDate"),
        Interval = fields.Text("Interval"),
        Period = fields.Int("Period"),
        MaxPeriods = fields.Int("MaxPeriods"),
        SuccessfulTransactionsNumber = fields.Int("SuccessfulTransactionsNumber"),
        FailedTransactionsNumber = fields.Int("FailedTransactionsNumber"),
        LastTransactionDate = fields.Instant("LastTransactionDate"),
        NextTransactionDate = fields.Instant("NextTransactionDate"),
    };
}
