using System.ComponentModel.DataAnnotations;

namespace ProfilePortal.Domain.Payments;

/// <summary>The payment providers the portal can charge through.</summary>
public enum PaymentProvider
{
    /// <summary>The embedded default: documented test cards, no network, deterministic.</summary>
    Sandbox = 0,

    /// <summary>CloudPayments (api.cloudpayments.ru): the payment widget for cards, tokens for later charges.</summary>
    CloudPayments = 1,
}

/// <summary>The <c>Billing</c> section.</summary>
public sealed class BillingOptions
{
    public const string SectionName = "Billing";

    /// <summary>Which gateway charges cards.</summary>
    public PaymentProvider Gateway { get; set; } = PaymentProvider.Sandbox;

    /// <summary>Subscriptions the renewal sweep charges per database round.</summary>
    [Range(1, 10_000)]
    public int RenewalBatchSize { get; set; } = 200;

    /// <summary>Charges the renewal sweep sends to the provider at once.</summary>
    [Range(1, 64)]
    public int RenewalParallelism { get; set; } = 8;

    /// <summary>When the provider did not answer, the same charge is resent after this delay.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan ProviderRetryDelay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The retry schedule used when <see cref="DeclineRetrySchedule"/> is not configured.</summary>
    public static IReadOnlyList<TimeSpan> DefaultDeclineRetrySchedule { get; } = [TimeSpan.FromDays(1), TimeSpan.FromDays(3), TimeSpan.FromDays(5)];

    /// <summary>
    /// After a soft decline of a renewal or a trial's conversion, when to try again, each counted from the first
    /// decline of the period; tries that would fall after the grace period are skipped. Empty means
    /// <see cref="DefaultDeclineRetrySchedule"/> (+1 d, +3 d, +5 d). It starts empty because the configuration
    /// binder appends to an array that already holds values.
    /// </summary>
    public TimeSpan[] DeclineRetrySchedule { get; set; } = [];

    /// <summary>
    /// How long a past-due subscription keeps access after the first refused charge of a period before it
    /// goes back to Free (seed 002: the grace period, 7 days by default).
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "60.00:00:00")]
    public TimeSpan GracePeriod { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The schedule in force: the configured one, or the default.</summary>
    public IReadOnlyList<TimeSpan> RetrySchedule => DeclineRetrySchedule.Length > 0 ? DeclineRetrySchedule : DefaultDeclineRetrySchedule;

}
