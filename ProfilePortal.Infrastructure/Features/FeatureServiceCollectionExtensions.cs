using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.FeatureFilters;
using ProfilePortal.Domain.Features;

namespace ProfilePortal.Infrastructure.Features;

public static class FeatureServiceCollectionExtensions
{
    /// <summary>
    /// The layered feature definitions and <see cref="IFeatureGate"/>, which domain services use to check a
    /// flag for a given user. Part of the infrastructure; pages add <see cref="AddPortalFeatures{T}"/> on top.
    /// </summary>
    public static IServiceCollection AddPortalFeatureDefinitions(this IServiceCollection services)
    {
        services.TryAddSingleton<FeatureOverrideCache>();
        services.TryAddSingleton<IFeatureOverrideCache>(sp => sp.GetRequiredService<FeatureOverrideCache>());
        // Registered before AddScopedFeatureManagement so it replaces the configuration-only provider.
        services.TryAddSingleton<PortalFeatureDefinitionProvider>();
        services.TryAddSingleton<IFeatureDefinitionProvider>(sp => sp.GetRequiredService<PortalFeatureDefinitionProvider>());
        services.TryAddSingleton<IFeatureDefaults>(sp => sp.GetRequiredService<PortalFeatureDefinitionProvider>());
        services.TryAddSingleton<IFeatureGate, FeatureGate>();
        return services;
    }

    /// <summary>
    /// Feature management with the layered definitions. Scoped, so the targeting accessor can use the circuit's
    /// authentication state; evaluate through <see cref="IFeatureManager"/> (not the per-circuit snapshot) where
    /// a live change must show.
    /// </summary>
    public static IServiceCollection AddPortalFeatures<TTargetingAccessor>(this IServiceCollection services)
        where TTargetingAccessor : ITargetingContextAccessor
    {
        services.AddPortalFeatureDefinitions();
        services.AddScopedFeatureManagement().WithTargeting<TTargetingAccessor>();
        return services;
    }
}
