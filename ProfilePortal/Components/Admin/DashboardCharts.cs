using System.Globalization;
using Microsoft.Extensions.Localization;
using MudBlazor;
using ProfilePortal.Domain.Dashboards;
using ProfilePortal.Resources;

namespace ProfilePortal.Components.Admin;

/// <summary>
/// The dashboard's series shaped for <see cref="MudChart{T}"/>: one label per day (thinned to about a dozen so a year
/// stays readable), and gaps left as gaps where no snapshot was taken.
/// </summary>
internal sealed record DashboardCharts(
    string[] Labels,
    List<ChartSeries<double>> Mrr,
    List<ChartSeries<double>> ActiveByPlan,
    List<ChartSeries<double>> NewPerDay,
    List<ChartSeries<double>> Rates,
    string[] GenerationLabels,
    List<ChartSeries<double>> ByGeneration)
{
    private const int MaxLabels = 12;

    public static DashboardCharts Of(Dashboard dashboard, IStringLocalizer<SharedResource> l, CultureInfo culture)
    {
        var every = Math.Max(1, (int)Math.Ceiling(dashboard.Days.Count / (double)MaxLabels));
        var labels = dashboard.Days
            .Select((day, index) => index % every == 0 ? day.ToString("d MMM", culture) : string.Empty)
            .ToArray();
        var planNames = dashboard.Plans.ToDictionary(p => p.Code, p => p.Name, StringComparer.Ordinal);
        var hasActivity = dashboard.NewSubscriptions.Any(v => v > 0) || dashboard.TrialsStarted.Any(v => v > 0);
        var hasRates = dashboard.ChargeErrorPercent.Any(v => v is not null) || dashboard.EmailDeliveryPercent.Any(v => v is not null);
        var generations = dashboard.ActiveByGeneration.Where(g => g.Subscriptions > 0).ToList();

        return new DashboardCharts(
            labels,
            [.. dashboard.Mrr.Where(s => s.Values.Any(v => v is not null)).Select(s => Series(l["AdminDashboard.Series.Mrr", s.Name], s.Values.Select(v => (double?)v)))],
            [.. dashboard.ActiveByPlan.Select(s => Series(planNames.GetValueOrDefault(s.Name, s.Name), s.Values.Select(v => (double?)v)))],
            hasActivity
                ?
                [
                    Series(l["AdminDashboard.Series.NewSubscriptions"], dashboard.NewSubscriptions.Select(v => (double?)v)),
                    Series(l["AdminDashboard.Series.TrialsStarted"], dashboard.TrialsStarted.Select(v => (double?)v)),
                ]
                : [],
            hasRates
                ?
                [
                    Series(l["AdminDashboard.Series.ChargeErrors"], dashboard.ChargeErrorPercent),
                    Series(l["AdminDashboard.Series.EmailDelivery"], dashboard.EmailDeliveryPercent),
                ]
                : [],
            [.. generations.Select(g => l[$"AdminDashboard.Generation.{g.Generation}"].Value)],
            generations.Count > 0 ? [Series(l["AdminDashboard.Chart.ByGeneration"], generations.Select(g => (double?)g.Subscriptions))] : []);
    }

    private static ChartSeries<double> Series(string name, IEnumerable<double?> values) =>
        new() { Name = name, Data = new ChartData<double>([.. values]) };
}
