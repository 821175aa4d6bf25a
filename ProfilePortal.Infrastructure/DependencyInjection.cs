using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ProfilePortal.Domain.Notifications;
using ProfilePortal.Infrastructure.Caching;
using ProfilePortal.Infrastructure.Configuration;
using ProfilePortal.Infrastructure.Email;
using ProfilePortal.Infrastructure.Features;
using ProfilePortal.Infrastructure.Health;
using ProfilePortal.Infrastructure.Identity;
using ProfilePortal.Infrastructure.Payments;
using ProfilePortal.Infrastructure.Persistence;
using ProfilePortal.Infrastructure.Scheduling;

namespace ProfilePortal.Infrastructure;

public static class DependencyInjection
{
    /// <summary>Database, Identity stores, Data Protection key ring, email, scheduler and feature flags.</summary>
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddPortalOptions();
        services.AddPortalPersistence(configuration, environment.ContentRootPath);
        services.AddPortalDistributedCache(configuration);
        services.AddPortalIdentity(configuration);
        services.AddPortalEmail(configuration);
        services.AddPortalPayments(configuration);
        services.AddPortalScheduling(configuration);
        services.AddPortalFeatureDefinitions();
        services.AddOptions<Domain.Organizations.InvitationOptions>()
            .Bind(configuration.GetSection(Domain.Organizations.InvitationOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // Every node shares the key ring through the database, so cookies and circuits survive a restart
        // and work behind a load balancer.
        services.AddDataProtection()
            .SetApplicationName("ProfilePortal")
            .PersistKeysToDbContext<PortalDbContext>();
        services.AddSingleton<IUnsubscribeTokens, DataProtectionUnsubscribeTokens>();
        services.AddSingleton<Domain.Credentials.ICredentialProtector, Credentials.DataProtectionCredentialProtector>();

        services.AddHealthChecks()
            .AddDbContextCheck<PortalDbContext>("database", tags: [HealthCheckTags.Ready]);

        return services;
    }
}
