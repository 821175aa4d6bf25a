using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ProfilePortal.Domain.Alerts;
using ProfilePortal.Domain.Dashboards;
using ProfilePortal.Domain.Fraud;
using ProfilePortal.Domain.Payments;
using ProfilePortal.Domain.Retention;
using ProfilePortal.Domain.Trials;
using ProfilePortal.Infrastructure.Payments.CloudPayments;
using ProfilePortal.Infrastructure.Payments.Sandbox;

namespace ProfilePortal.Infrastructure.Payments;

public static class PaymentsServiceCollectionExtensions
{
    /// <summary>
    /// Binds the <c>Billing</c>, <c>Trials</c>, <c>Trials:Rollout</c>, <c>Retention</c>, <c>WinBack</c> and <c>Fraud</c> sections and registers the gateway it names (<c>Billing:Gateway</c>): the sandbox by
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
        services.AddOptions<TrialOptions>()
            .Bind(configuration.GetSection(TrialOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.ReminderLeadTimes.All(d => d > TimeSpan.Zero), "Trials:ReminderLeadTimes holds a lead time that is not positive.")
            .ValidateOnStart();
        services.AddOptions<TrialRolloutOptions>()
            .Bind(configuration.GetSection(TrialRolloutOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<RetentionOptions>()
            .Bind(configuration.GetSection(RetentionOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.PauseMonths.All(m => m is >= 1 and <= 12), "Retention:PauseMonths holds a length outside 1–12 months.")
            .ValidateOnStart();
        services.AddOptions<WinBackOptions>()
            .Bind(configuration.GetSection(WinBackOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.SecondDelay > o.FirstDelay, "WinBack:SecondDelay must be longer than WinBack:FirstDelay.")
            .ValidateOnStart();
        services.AddOptions<AlertOptions>()
            .Bind(configuration.GetSection(AlertOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AlertOptions>, AlertOptionsValidator>();
        services.AddOptions<DashboardOptions>()
            .Bind(configuration.GetSection(DashboardOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<FraudOptions>()
            .Bind(configuration.GetSection(FraudOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        var gateway = configuration.GetSection(BillingOptions.SectionName).Get<BillingOptions>()?.Gateway ?? PaymentProvider.Sandbox;
        switch (gateway)
        {
            case PaymentProvider.Sandbox:
                services.AddSingleton<SandboxGateway>();
                services.AddSingleton<IPaymentGateway>(sp => sp.GetRequiredService<SandboxGateway>());
                break;
            case PaymentProvider.CloudPayments:
                services.AddCloudPayments(configuration);
                services.AddSingleton<IPaymentGateway, PerCallGateway>();
                break;
            default:
                throw new InvalidOperationException($"Billing:Gateway {gateway} is not supported.");
        }

        return services;
    }
}

/// <summary>
/// The CloudPayments gateway for the (singleton) domain services: each call resolves a fresh gateway, so its
/// typed HttpClient comes from the client factory every time and its handlers rotate as the factory intends.
/// </summary>
internal sealed class PerCallGateway(IServiceProvider services) : IPaymentGateway
{
    public string Provider => CloudPaymentsGateway.ProviderName;

    public Task<ChargeOutcome> ChargeAsync(ChargeRequest request, CancellationToken cancellationToken = default) =>
        Gateway.ChargeAsync(request, cancellationToken);

    public Task<RefundOutcome> RefundAsync(RefundRequest request, CancellationToken cancellationToken = default) =>
        Gateway.RefundAsync(request, cancellationToken);

    public Task<ChargeOutcome> VerifyCardAsync(CardVerificationRequest request, CancellationToken cancellationToken = default) =>
        Gateway.VerifyCardAsync(request, cancellationToken);

    public Task<VoidOutcome> VoidAsync(VoidRequest request, CancellationToken cancellationToken = default) =>
        Gateway.VoidAsync(request, cancellationToken);

    private IPaymentGateway Gateway => services.GetRequiredKeyedService<IPaymentGateway>(CloudPaymentsGateway.ProviderName);
}
