using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ProfilePortal.Domain.Identity;
using ProfilePortal.Domain.Notifications;
using ProfilePortal.Infrastructure.Health;

namespace ProfilePortal.Infrastructure.Email;

public static class EmailServiceCollectionExtensions
{
    /// <summary>The name of the SMTP health check.</summary>
    public const string HealthCheckName = "smtp";

    /// <summary>
    /// Registers email: the <c>Smtp</c> options (validated at start-up), the MailKit transport, the Razor
    /// template renderer, the outbox dispatcher, Identity's <see cref="IEmailSender{TUser}"/> and an SMTP
    /// health check on <c>/health/ready</c> that reports Degraded, never Unhealthy (the outbox keeps the mail).
    /// Needs <c>IPortalDbContextFactory</c> (persistence) registered too.
    /// </summary>
    public static IServiceCollection AddPortalEmail(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SmtpOptions>()
            .Bind(configuration.GetSection(SmtpOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();
        services.AddMetrics();
        services.TryAddSingleton<EmailMetrics>();
        services.TryAddSingleton<EmailOutbox>();
        services.TryAddSingleton<EmailDispatcher>();
        services.TryAddSingleton<IEmailTransport, MailKitEmailTransport>();
        services.TryAddSingleton<IEmailRenderer, RazorEmailRenderer>();
        services.TryAddSingleton<IEmailSender<ApplicationUser>, IdentityEmailSender>();

        services.AddHealthChecks().AddCheck<SmtpHealthCheck>(HealthCheckName, HealthStatus.Degraded, [HealthCheckTags.Ready]);
        return services;
    }
}
