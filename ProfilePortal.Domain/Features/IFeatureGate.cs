namespace ProfilePortal.Domain.Features;

/// <summary>
/// Evaluates a feature flag for one user from domain code, where no page or circuit is around: the same
/// definition (configuration, environment alias, admin override) and the same sticky rollout bucket the pages
/// use for that user. The server-side check behind every button a flag hides.
/// </summary>
public interface IFeatureGate
{
    ValueTask<bool> IsEnabledForAsync(string feature, Guid userId, CancellationToken cancellationToken = default);
}
