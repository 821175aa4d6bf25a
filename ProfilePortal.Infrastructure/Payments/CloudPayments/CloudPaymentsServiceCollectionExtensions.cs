using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ProfilePortal.Domain.Payments;
using ProfilePortal.Infrastructure.Health;

namespace ProfilePortal.Infrastructure.Payments.CloudPayments;

public static class CloudPaymentsServiceCollectionExtensions
{
    /// <summary>The name of the CloudPayments health check.</summary>
    public const string HealthCheckName = "cloudpayments";

    /// <summary>
    /// Registers CloudPayments: the <c>Payments:CloudPayments</c> options (validated at start-up: call this only
    /// where the credentials are configured), the typed <see cref="CloudPaymentsClient"/>, the
    /// <see cref="CloudPaymentsSignature"/> for notifications, a Degraded-only health check on <c>/health/ready</c>,
    /// and the gateway, as its concrete type and as an <see cref="IPaymentGateway"/> keyed by
    /// <see cref="CloudPaymentsGateway.ProviderName"/> ("cloudpayments").
    /// <para>
    /// No unkeyed <see cref="IPaymentGateway"/> is registered: the host picks one, next to the sandbox's keyed
    /// registration, e.g. <c>services.AddTransient(sp =&gt; sp.GetRequiredKeyedService&lt;IPaymentGateway&gt;(provider))</c>
    /// with <c>provider</c> read from configuration. A stored payment is refunded through the gateway that took it:
    /// <c>GetRequiredKeyedService&lt;IPaymentGateway&gt;(payment.Provider)</c>.
    /// </para>
    /// </summary>
    public static IServiceCollection AddCloudPayments(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<CloudPaymentsOptions>()
            .Bind(configuration.GetSection(CloudPaymentsOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddLogging();
        // The client keeps its own deadline (RequestTimeout), so that it can tell a timeout from a cancellation.
        services.AddHttpClient<CloudPaymentsClient>(http => http.Timeout = Timeout.InfiniteTimeSpan);
        services.TryAddSingleton<CloudPaymentsSignature>();
        services.TryAddTransient<CloudPaymentsGateway>();
        services.AddKeyedTransient<IPaymentGateway>(
            CloudPaymentsGateway.ProviderName, static (provider, _) => provider.GetRequiredService<CloudPaymentsGateway>());

        services.AddHealthChecks().AddCheck<CloudPaymentsHealthCheck>(HealthCheckName, HealthStatus.Degraded, [HealthCheckTags.Ready]);
        return services;
    }
}
