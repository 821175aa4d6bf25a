using Microsoft.Extensions.Localization;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Fraud;
using ProfilePortal.Resources;

namespace ProfilePortal.Components.Admin;

/// <summary>The fraud review's words for domain values: rules, statuses, block kinds, error codes.</summary>
internal static class FraudText
{
    /// <summary>The localized message of an error, or its English message when there is no translation.</summary>
    public static string Error(IStringLocalizer<SharedResource> l, Error error) =>
        l[$"Fraud.Error.{error.Code}"] is { ResourceNotFound: false } text ? text.Value : error.Message;

    public static string Kind(IStringLocalizer<SharedResource> l, FraudSignalKind kind) => l[$"Fraud.Kind.{kind}"];

    public static string Status(IStringLocalizer<SharedResource> l, FraudSignalStatus status) => l[$"Fraud.Status.{status}"];

    public static string BlockKind(IStringLocalizer<SharedResource> l, FraudBlockKind kind) => l[$"Fraud.BlockKind.{kind}"];

    /// <summary>What a signal's key is, in words: "IP 203.0.113.7", "card Visa •••• 4242".</summary>
    public static string Key(IStringLocalizer<SharedResource> l, FraudSignalView signal) => signal.Kind switch
    {
        FraudSignalKind.IpVelocity => l["Fraud.KeyIp", signal.Key],
        FraudSignalKind.SharedCard => l["Fraud.KeyCard", signal.CardLabel ?? l["Fraud.UnknownCard"]],
        _ => signal.Key,
    };

    public static MudBlazor.Color StatusColor(FraudSignalStatus status) => status switch
    {
        FraudSignalStatus.Open => MudBlazor.Color.Warning,
        FraudSignalStatus.Blocked => MudBlazor.Color.Error,
        _ => MudBlazor.Color.Default,
    };
}
