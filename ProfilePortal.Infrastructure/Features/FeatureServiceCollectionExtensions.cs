using Microsoft.Extensions.DependencyInjection;
using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.FeatureFilters;
using ProfilePortal.Domain.Features;

namespace ProfilePortal.Infrastructure.Features;

public static class FeatureServiceCollectionExtensions
{
    /// <summary>
    /// Feature management with the layered definitions. Scoped, so the targeting accessor can use the circuit's
    /// authentication state; evaluate through <see cref="IFeatureManager"/> (not the per-circuit snapshot) where
    /// a live change must show.
    /// </summary>
    public static IServiceCollection AddPortalFeatures<TTargetingAccessor>(this IServiceCollection services)
        where TTargetingAccessor : ITargetingContextAccessor
    {
        services.AddSingleton<FeatureOverrideCache>();
        services.AddSingleton<IFeatureOverrideCache>(sp => sp.GetRequiredService<FeatureOverrideCache>());
        // Registered before AddScopedFeatureManagement so it replaces the configuration-only provider.
        services.AddSingleton<IFeatureDefinitionProvider, PortalFeatureDefinitionProvider>();
        services.AddScopedFeatureManagement().WithTargeting<TTargetingAccessor>();
        return services;
    }
}
