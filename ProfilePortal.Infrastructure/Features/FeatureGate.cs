using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.FeatureFilters;
using ProfilePortal.Domain.Features;

namespace ProfilePortal.Infrastructure.Features;

/// <summary>
/// A feature manager of its own over the portal's definitions, whose targeting filter takes the user from the
/// call instead of the ambient circuit. Its buckets match the pages' because both target the user's id.
/// </summary>
internal sealed class FeatureGate : IFeatureGate
{
    private readonly FeatureManager _manager;

    public FeatureGate(IFeatureDefinitionProvider definitions, ILoggerFactory loggerFactory)
    {
        _manager = new FeatureManager(definitions)
        {
            FeatureFilters = [new ContextualTargetingFilter(Options.Create(new TargetingEvaluationOptions()), loggerFactory)],
            Logger = loggerFactory.CreateLogger<FeatureManager>(),
        };
    }

    public ValueTask<bool> IsEnabledForAsync(string feature, Guid userId, CancellationToken cancellationToken = default) =>
        _manager.IsEnabledAsync(feature, new TargetingContext { UserId = userId.ToString("D", CultureInfo.InvariantCulture) }, cancellationToken);
}
