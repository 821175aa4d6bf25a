using System.Diagnostics.Metrics;

namespace ProfilePortal.Domain.Notifications;

/// <summary>
/// The outbox's delivery attempts as a counter; Prometheus sees <c>email_delivery_total</c>. The email delivery
/// alert reads the same outcomes from the outbox rows: sent, or given up after the last attempt.
/// </summary>
public sealed class EmailMetrics
{
    public const string MeterName = "ProfilePortal.Email";

    private readonly Counter<long> _delivery;

    public EmailMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _delivery = meter.CreateCounter<long>(
            "email_delivery", description: "Outbox delivery attempts whose outcome was stored: sent, retrying after a failure, or failed for good.");
    }

    /// <summary>The server took the message of this <paramref name="kind"/> (the template's name).</summary>
    public void Sent(string kind) => Add(kind, "sent");

    /// <summary>An attempt failed: <paramref name="gaveUp"/> when it was the last one and the message is failed for good.</summary>
    public void Failed(string kind, bool gaveUp) => Add(kind, gaveUp ? "failed" : "retrying");

    private void Add(string kind, string outcome) =>
        _delivery.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("outcome", outcome));
}
