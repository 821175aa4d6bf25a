using System.ComponentModel.DataAnnotations;

namespace ProfilePortal.Domain.Fraud;

/// <summary>The antifraud thresholds for trials (section <c>Antifraud</c>); a trial beyond one raises a signal, it is not refused.</summary>
public sealed class FraudOptions
{
    public const string SectionName = "Antifraud";

    /// <summary>Trials one address may start within 24 hours before the next one raises a signal (seed 002: more than 5).</summary>
    [Range(1, 100_000)]
    public int MaxTrialsPerIpPerDay { get; set; } = 5;

    /// <summary>Accounts one card may start trials on before the next one raises a signal: by default a second account does.</summary>
    [Range(1, 1_000)]
    public int MaxAccountsPerCard { get; set; } = 1;
}
