using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Domain.Payments;
using ProfilePortal.Infrastructure.Payments.Sandbox;

namespace ProfilePortal.Infrastructure.Payments;

public static class PaymentsServiceCollectionExtensions
{
    /// <summary>
    /// Binds the <c>Billing</c> section and registers the gateway it names (<c>Billing:Gateway</c>): the sandbox by
    /// default, CloudPayments when configured.
    /// </summary>
    public static IServiceCollection AddPortalPayments(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<BillingOptions>()
            .Bind(configuration.GetSection(BillingOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.DeclineRetrySchedule.All(d => d > TimeSpan.Zero), "Billing:DeclineRetrySchedule holds a delay that is not positive.")
            .ValidateOnStart();

        var gateway = configuration.GetSection(BillingOptions.SectionName).Get<BillingOptions>()?.Gateway ?? PaymentProvider.Sandbox;
        switch (gateway)
        {
            case PaymentProvider.Sandbox:
                services.AddSingleton<SandboxGateway>();
                services.AddSingleton<IPaymentGateway>(sp => sp.GetRequiredService<SandboxGateway>());
                break;
            default:
                throw new InvalidOperationException($"Billing:Gateway {gateway} is not supported.");
        }

        return services;
    }
}
