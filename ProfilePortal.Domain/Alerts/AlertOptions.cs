using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace ProfilePortal.Domain.Alerts;

/// <summary>The <c>Alerts</c> section: where raised alerts are emailed and per-rule overrides of seed 002's thresholds.</summary>
public sealed class AlertOptions
{
    public const string SectionName = "Alerts";

    /// <summary>The operations mailbox; empty sends each raised alert to every site admin instead.</summary>
    [EmailAddress]
    public string? OpsEmail { get; set; }

    /// <summary>Overrides by rule name (see <see cref="AlertRules"/>), e.g. <c>Alerts:Rules:billing_error_rate:Threshold</c>.</summary>
    public Dictionary<string, AlertRuleSettings> Rules { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>One rule's overrides; what is left empty keeps the seed's default.</summary>
public sealed class AlertRuleSettings
{
    public bool Enabled { get; set; } = true;

    public double? Threshold { get; set; }

    public TimeSpan? Window { get; set; }

    public int? MinimumSample { get; set; }
}

/// <summary>Refuses unknown rule names and thresholds, windows or samples that cannot mean anything.</summary>
public sealed class AlertOptionsValidator : IValidateOptions<AlertOptions>
{
    public ValidateOptionsResult Validate(string? name, AlertOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var (rule, settings) in options.Rules)
        {
            var known = AlertRules.Default(rule);
            if (known is null)
            {
                failures.Add($"Alerts:Rules names an unknown rule '{rule}'.");
                continue;
            }

            var max = known.Unit == AlertUnit.Percent && rule != AlertRules.WeeklyChurnIncrease ? 100 : 1_000_000;
            if (settings.Threshold is { } threshold && (threshold < 0 || threshold > max || double.IsNaN(threshold)))
            {
                failures.Add($"Alerts:Rules:{rule}:Threshold must be between 0 and {max}.");
            }

            if (settings.Window is { } window && (window < TimeSpan.FromMinutes(5) || window > TimeSpan.FromDays(365)))
            {
                failures.Add($"Alerts:Rules:{rule}:Window must be between 5 minutes and 365 days.");
            }

            if (settings.MinimumSample is < 0 or > 1_000_000)
            {
                failures.Add($"Alerts:Rules:{rule}:MinimumSample must be between 0 and 1000000.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
