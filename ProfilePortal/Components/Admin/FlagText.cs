using System.Globalization;
using Microsoft.Extensions.Localization;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Features;
using ProfilePortal.Resources;

namespace ProfilePortal.Components.Admin;

/// <summary>The flags page's words for flag states and refusals.</summary>
internal static class FlagText
{
    /// <summary>"On", "Off" or "On for 20 %".</summary>
    public static string State(IStringLocalizer<SharedResource> l, FeatureState state) => state switch
    {
        { Enabled: false } => l["AdminFlags.State.Off"],
        { RolloutPercentage: null } => l["AdminFlags.State.On"],
        { RolloutPercentage: { } percentage } => l["AdminFlags.State.Percentage", string.Create(CultureInfo.CurrentCulture, $"{percentage} %")],
    };

    /// <summary>One side of a change in the history: the state, marked "(default)" when configuration decided.</summary>
    public static string Side(IStringLocalizer<SharedResource> l, FeatureState state, bool configured) =>
        configured ? l["AdminFlags.History.Default", State(l, state)] : State(l, state);

    public static MudBlazor.Color Color(FeatureState state) => state.Percentage switch
    {
        0 => MudBlazor.Color.Default,
        100 => MudBlazor.Color.Success,
        _ => MudBlazor.Color.Info,
    };

    /// <summary>The localized message of a refusal, or its English message when there is no translation.</summary>
    public static string Error(IStringLocalizer<SharedResource> l, Error error) =>
        l[$"AdminFlags.Error.{error.Code}"] is { ResourceNotFound: false } text ? text.Value : error.Message;
}
