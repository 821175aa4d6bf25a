using System.Runtime.CompilerServices;
using Microsoft.Extensions.Configuration;
using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.FeatureFilters;
using ProfilePortal.Domain.Features;

namespace ProfilePortal.Infrastructure.Features;

/// <summary>
/// Feature definitions in three layers, the last that speaks wins: the <c>FeatureManagement</c> section of
/// configuration, the environment names of the source documents (e.g. <c>ENABLE_PROFILE_PAYMENTS_UI</c>),
/// and an admin's override stored in the database. The two lower layers are also a flag's
/// <see cref="IFeatureDefaults">default</see>: what is in force without an override.
/// </summary>
internal sealed class PortalFeatureDefinitionProvider(IConfiguration configuration, FeatureOverrideCache overrides)
    : IFeatureDefinitionProvider, IFeatureDefaults, IDisposable
{
    public const string AlwaysOnFilter = "AlwaysOn";
    public const string TargetingFilter = "Microsoft.Targeting";

    /// <summary>Environment variables from the source documents that set a flag's default.</summary>
    public static IReadOnlyDictionary<string, string> EnvironmentAliases { get; } = new Dictionary<string, string>
    {
        [FeatureNames.PaymentsUi] = "ENABLE_PROFILE_PAYMENTS_UI",
    };

    private readonly ConfigurationFeatureDefinitionProvider _configured = new(configuration);

    public async Task<FeatureDefinition> GetFeatureDefinitionAsync(string featureName)
    {
        var all = await overrides.GetAsync();
        if (all.TryGetValue(featureName, out var row))
        {
            return FromOverride(row);
        }

        return await ConfiguredAsync(featureName);
    }

    public async ValueTask<FeatureState> GetConfiguredAsync(string featureName, CancellationToken cancellationToken = default) =>
        StateOf(await ConfiguredAsync(featureName));

    /// <summary>
    /// What a definition does for users, in the terms of an override: off, on, or a targeting filter's default
    /// percentage. Another filter (a time window, say) counts as on: it is not a share of users.
    /// </summary>
    internal static FeatureState StateOf(FeatureDefinition? definition)
    {
        if (definition is null || definition.Status == FeatureStatus.Disabled || definition.EnabledFor?.Any() != true)
        {
            return FeatureState.Off;
        }

        foreach (var filter in definition.EnabledFor)
        {
            if (string.Equals(filter.Name, AlwaysOnFilter, StringComparison.OrdinalIgnoreCase))
            {
                return FeatureState.On;
            }

            if (IsTargeting(filter.Name) && TargetingOf(filter) is { Audience: { } audience })
            {
                return new FeatureState(true, (int)Math.Round(audience.DefaultRolloutPercentage, MidpointRounding.AwayFromZero));
            }
        }

        return FeatureState.On;
    }

    private async Task<FeatureDefinition> ConfiguredAsync(string featureName)
    {
        if (EnvironmentAliases.TryGetValue(featureName, out var variable) && bool.TryParse(configuration[variable], out var enabled))
        {
            return OnOff(featureName, enabled);
        }

        return await _configured.GetFeatureDefinitionAsync(featureName);
    }

    public async IAsyncEnumerable<FeatureDefinition> GetAllFeatureDefinitionsAsync()
    {
        var names = new HashSet<string>(FeatureNames.All, StringComparer.OrdinalIgnoreCase);
        await foreach (var definition in _configured.GetAllFeatureDefinitionsAsync())
        {
            names.Add(definition.Name);
        }

        foreach (var name in names)
        {
            yield return await GetFeatureDefinitionAsync(name);
        }
    }

    public void Dispose() => _configured.Dispose();

    // The library matches a filter by its alias with or without the "Microsoft." prefix.
    private static bool IsTargeting(string? name) =>
        string.Equals(name, TargetingFilter, StringComparison.OrdinalIgnoreCase) || string.Equals(name, "Targeting", StringComparison.OrdinalIgnoreCase);

    private static TargetingFilterSettings? TargetingOf(FeatureFilterConfiguration filter) =>
        filter.ParametersObject as TargetingFilterSettings ?? filter.Parameters?.Get<TargetingFilterSettings>();

    private static FeatureDefinition FromOverride(FeatureOverride row) => row switch
    {
        { Enabled: false } => OnOff(row.FeatureName, enabled: false),
        { RolloutPercentage: null } => OnOff(row.FeatureName, enabled: true),
        { RolloutPercentage: { } percentage } => new FeatureDefinition
        {
            Name = row.FeatureName,
            EnabledFor =
            [
                new FeatureFilterConfiguration
                {
                    Name = TargetingFilter,
                    // A new settings object per row version, so the filter's settings cache never serves an old percentage.
                    ParametersObject = new TargetingFilterSettings { Audience = new Audience { DefaultRolloutPercentage = percentage } },
                },
            ],
        },
    };

    private static FeatureDefinition OnOff(string name, bool enabled) => new()
    {
        Name = name,
        EnabledFor = enabled ? [new FeatureFilterConfiguration { Name = AlwaysOnFilter }] : [],
    };
}
