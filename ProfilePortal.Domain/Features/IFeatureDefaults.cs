namespace ProfilePortal.Domain.Features;

/// <summary>
/// A flag's default from the layers under the admin's override (configuration and the source documents'
/// environment names), so a change can say what it replaced and the admin pages what a cleared override means.
/// </summary>
public interface IFeatureDefaults
{
    ValueTask<FeatureState> GetConfiguredAsync(string featureName, CancellationToken cancellationToken = default);
}
