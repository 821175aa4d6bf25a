using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace ProfilePortal.Infrastructure.Email;

/// <summary>
/// Opens and closes an SMTP session. Registered as Degraded on failure, not Unhealthy: the outbox keeps
/// the mail while the server is away, so the app can still serve customers.
/// </summary>
internal sealed class SmtpHealthCheck(IOptionsMonitor<SmtpOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var client = await MailKitEmailTransport.ConnectAsync(options.CurrentValue, cancellationToken);
            await client.NoOpAsync(cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is not OperationCanceledException && SmtpFaults.Translate(ex) is { } fault)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, fault.Message);
        }
    }
}
