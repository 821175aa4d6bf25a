using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ProfilePortal.Infrastructure.Payments.CloudPayments;

/// <summary>
/// Calls the provider's <c>/test</c> with our credentials. Registered as Degraded on failure: pages still work
/// while the provider is away, and scheduled charges are retried with the same request ids.
/// </summary>
internal sealed class CloudPaymentsHealthCheck(CloudPaymentsClient client) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var reply = await client.PingAsync(cancellationToken);
        return reply switch
        {
            CloudPaymentsReply.Accepted => HealthCheckResult.Healthy(),
            CloudPaymentsReply.CredentialsRejected => new HealthCheckResult(context.Registration.FailureStatus, "CloudPayments rejected the merchant credentials."),
            CloudPaymentsReply.Refused refused => new HealthCheckResult(context.Registration.FailureStatus, $"CloudPayments refused the check: {refused.Message}"),
            CloudPaymentsReply.Unavailable unavailable => new HealthCheckResult(context.Registration.FailureStatus, unavailable.Reason),
            _ => throw new InvalidOperationException($"Unknown reply {reply.GetType().Name}."),
        };
    }
}
