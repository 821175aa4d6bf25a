using System.Globalization;
using Microsoft.Extensions.Localization;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Features;
using ProfilePortal.Domain.Trials;
using ProfilePortal.Resources;

namespace ProfilePortal.Components.Admin;

/// <summary>The rollout page's words for domain values: percentages, criteria, statuses, error codes.</summary>
internal static class RolloutText
{
    /// <summary>A share, e.g. "20 %" (or "16,7 %" in Russian).</summary>
    public static string Percent(double value) => string.Create(CultureInfo.CurrentCulture, $"{value:0.#} %");

    /// <summary>"&gt; 8 %" or "&lt; 5 %": the criterion's condition as the seed writes it.</summary>
    public static string Threshold(RolloutCriterion criterion) => $"{(criterion.Above ? ">" : "<")} {Percent(criterion.ThresholdPercent)}";

    /// <summary>"16,7 % (2 of 12)", or a dash while nothing happened in the window.</summary>
    public static string Value(IStringLocalizer<SharedResource> l, Ratio ratio) =>
        ratio.Percent is { } percent ? l["Rollouts.Value", Percent(percent), ratio.Part, ratio.Whole] : "—";

    public static string Metric(IStringLocalizer<SharedResource> l, string metric) => l[$"Rollouts.Metric.{metric}"];

    /// <summary>When the criterion applies: at which step, or always for the kill switch and the alert.</summary>
    public static string Applies(IStringLocalizer<SharedResource> l, RolloutCriterion criterion) => criterion.Kind switch
    {
        RolloutCriterionKind.Go => l[$"Rollouts.Kind.Go.{criterion.Step}"],
        RolloutCriterionKind.Kill => l["Rollouts.Kind.Kill"],
        RolloutCriterionKind.Alert => l["Rollouts.Kind.Alert"],
        _ => criterion.Kind.ToString(),
    };

    /// <summary>A go criterion is "met"; a kill or alert condition that holds has "triggered".</summary>
    public static string Status(IStringLocalizer<SharedResource> l, RolloutCriterion criterion) => (criterion.Kind, criterion.Status) switch
    {
        (_, CriterionStatus.NoData) => l["Rollouts.Status.NoData"],
        (RolloutCriterionKind.Go, CriterionStatus.Met) => l["Rollouts.Status.Met"],
        (RolloutCriterionKind.Go, _) => l["Rollouts.Status.NotMet"],
        (_, CriterionStatus.Met) => l["Rollouts.Status.Triggered"],
        _ => l["Rollouts.Status.Clear"],
    };

    public static MudBlazor.Color StatusColor(RolloutCriterion criterion) => (criterion.Kind, criterion.Status) switch
    {
        (_, CriterionStatus.NoData) => MudBlazor.Color.Default,
        (RolloutCriterionKind.Go, CriterionStatus.Met) => MudBlazor.Color.Success,
        (RolloutCriterionKind.Go, _) => MudBlazor.Color.Warning,
        (_, CriterionStatus.Met) => MudBlazor.Color.Error,
        _ => MudBlazor.Color.Success,
    };

    /// <summary>One side of a change: "50 %", or "20 % (default)" when configuration decided.</summary>
    public static string State(IStringLocalizer<SharedResource> l, FeatureState state, bool configured) =>
        configured ? l["Rollouts.History.Default", Percent(state.Percentage)] : Percent(state.Percentage);

    /// <summary>The localized message of a rollout error, or its English message when there is no translation.</summary>
    public static string Error(IStringLocalizer<SharedResource> l, Error error) =>
        l[$"Rollouts.Error.{error.Code}"] is { ResourceNotFound: false } text ? text.Value : error.Message;
}
