namespace ProfilePortal.Infrastructure.Payments.CloudPayments;

/// <summary>
/// What an API call came to. The provider answers business failures with HTTP 200 and <c>Success:false</c>, so
/// the envelope decides between <see cref="Accepted"/> and <see cref="Refused"/>; the transport decides the rest.
/// </summary>
public abstract record CloudPaymentsReply
{
    private CloudPaymentsReply()
    {
    }

    /// <summary><c>Success:true</c>. <paramref name="Transaction"/> is the envelope's <c>Model</c> when it is a transaction.</summary>
    public sealed record Accepted(string? Message, CloudPaymentsTransaction? Transaction) : CloudPaymentsReply;

    /// <summary>
    /// <c>Success:false</c>: a decline (the transaction carries <c>ReasonCode</c>), a 3-D Secure challenge (it
    /// carries <c>AcsUrl</c>) or a rejected request (only <paramref name="Message"/>, e.g. "Invalid Amount value").
    /// </summary>
    public sealed record Refused(string? Message, CloudPaymentsTransaction? Transaction) : CloudPaymentsReply;

    /// <summary>HTTP 401: the Public ID or the API secret is wrong.</summary>
    public sealed record CredentialsRejected : CloudPaymentsReply;

    /// <summary>No usable answer (timeout, network error, HTTP 5xx, unreadable body): the outcome is unknown.</summary>
    public sealed record Unavailable(string Reason) : CloudPaymentsReply;
}

/// <summary>
/// The transaction in a reply's <c>Model</c>: the fields the portal uses. The card token is left out on purpose,
/// so that printing a reply can never reveal it.
/// </summary>
public sealed record CloudPaymentsTransaction
{
    public long TransactionId { get; init; }

    public decimal? Amount { get; init; }

    public string? Currency { get; init; }

    public string? InvoiceId { get; init; }

    public string? AccountId { get; init; }

    /// <summary>"Completed", "Authorized", "Declined", "Cancelled", "AwaitingAuthentication".</summary>
    public string? Status { get; init; }

    public string? Reason { get; init; }

    public int? ReasonCode { get; init; }

    /// <summary>The provider's message for the payer, in the payer's language.</summary>
    public string? CardHolderMessage { get; init; }

    public string? CardFirstSix { get; init; }

    public string? CardLastFour { get; init; }

    public string? CardType { get; init; }

    /// <summary>Set when the issuer asks for 3-D Secure: the payer's browser must post <see cref="PaReq"/> there.</summary>
    public string? AcsUrl { get; init; }

    public string? PaReq { get; init; }

    public bool TestMode { get; init; }

    public bool RequiresThreeDSecure => !string.IsNullOrEmpty(AcsUrl);

    internal static CloudPaymentsTransaction Read(CloudPaymentsFields fields) => new()
    {
        TransactionId = fields.Long("TransactionId") ?? 0,
        Amount = fields.Decimal("Amount"),
        Currency = fields.Text("Currency"),
        InvoiceId = fields.Text("InvoiceId"),
        AccountId = fields.Text("AccountId"),
        Status = fields.Text("Status"),
        Reason = fields.Text("Reason"),
        ReasonCode = fields.Int("ReasonCode"),
        CardHolderMessage = fields.Text("CardHolderMessage"),
        CardFirstSix = fields.Text("CardFirstSix"),
        CardLastFour = fields.Text("CardLastFour"),
        CardType = fields.Text("CardType"),
        AcsUrl = fields.Text("AcsUrl"),
        PaReq = fields.Text("PaReq"),
        TestMode = fields.Bool("TestMode"),
    };
}
