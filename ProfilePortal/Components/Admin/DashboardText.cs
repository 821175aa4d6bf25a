using System.Globalization;
using Microsoft.Extensions.Localization;
using ProfilePortal.Components.Shared;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Trials;
using ProfilePortal.Resources;

namespace ProfilePortal.Components.Admin;

/// <summary>How the dashboard writes its figures in the reader's culture.</summary>
internal static class DashboardText
{
    public static string Count(int value) => value.ToString("N0", CultureInfo.CurrentCulture);

    /// <summary>"16.7 %", or a dash while the whole is empty.</summary>
    public static string Percent(Ratio ratio) => ratio.Percent is { } percent ? RolloutText.Percent(percent) : "—";

    /// <summary>"2 of 12", what a rate is made of.</summary>
    public static string OfWhole(IStringLocalizer<SharedResource> l, Ratio ratio) => l["AdminDashboard.OfWhole", Count(ratio.Part), Count(ratio.Whole)];

    /// <summary>The MRR in each currency, "—" when no snapshot was taken.</summary>
    public static string Mrr(IReadOnlyDictionary<string, decimal> byCurrency) =>
        byCurrency.Count == 0 ? "—" : string.Join(" + ", byCurrency.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => MoneyFormat.Format(new Money(m.Value, m.Key))));

    public static string Error(IStringLocalizer<SharedResource> l, Error error) =>
        l[$"AdminDashboard.Error.{error.Code}"] is { ResourceNotFound: false } text ? text.Value : error.Message;
}
